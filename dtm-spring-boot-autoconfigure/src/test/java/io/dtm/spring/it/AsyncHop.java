package io.dtm.spring.it;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.dtm.spring.context.DtmContextHolder;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Runs on the application's task executor: reports the transaction it sees and calls the
 * echo endpoint through Feign from there.
 */
@Component
public class AsyncHop {

    private final EchoClient echoClient;

    public AsyncHop(EchoClient echoClient) {
        this.echoClient = echoClient;
    }

    @Async
    public CompletableFuture<Map<String, Map<String, String>>> hop() {
        return CompletableFuture.completedFuture(Map.of("local", EchoController.describe(DtmContextHolder.get()),
                "remote", this.echoClient.echo(), "thread", Map.of("name", Thread.currentThread().getName())));
    }

}
