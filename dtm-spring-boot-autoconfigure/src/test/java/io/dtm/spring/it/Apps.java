package io.dtm.spring.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts test services on free ports in this JVM.
 */
public final class Apps {

    private Apps() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static ConfigurableApplicationContext start(String name, int port, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=" + port, "spring.application.name=" + name,
                "spring.main.banner-mode=off", "spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa", "spring.cloud.compatibility-verifier.enabled=false",
                "spring.cloud.openfeign.client.config.default.read-timeout=10000", "logging.level.root=WARN"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TestApp.class).properties(all.toArray(String[]::new)).run();
    }

}
