package io.dtm.samples.events;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ApplicationContext;

/**
 * Restarts the RabbitMQ application on this machine ({@code rabbitmqctl stop_app} and
 * {@code start_app}, each bounded); without rabbitmqctl, closes the service's connections
 * instead.
 */
final class Broker {

    private static final List<String> RABBITMQCTL = List.of("/usr/sbin/rabbitmqctl",
            "/usr/lib/rabbitmq/bin/rabbitmqctl");

    private Broker() {
    }

    static void restart(ApplicationContext service) throws Exception {
        String ctl = RABBITMQCTL.stream().filter((path) -> new File(path).canExecute()).findFirst().orElse(null);
        if (ctl == null) {
            System.out.println("rabbitmqctl not found: closing the service's broker connections instead");
            service.getBean(CachingConnectionFactory.class).resetConnection();
            return;
        }
        run(ctl, "stop_app");
        run(ctl, "start_app");
        run(ctl, "await_startup");
    }

    private static void run(String ctl, String command) throws Exception {
        Process process = new ProcessBuilder(ctl, "-q", command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl " + command + " did not end within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " exited with " + process.exitValue());
        }
    }

}
