package io.dtm.test.port;

import java.util.ArrayList;
import java.util.List;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose Feign client names itself as a reader writes it first:
 * {@code http://localhost:${server.port}}, resolved eagerly and injected without
 * {@code @Lazy}.
 */
@SpringBootApplication
@EnableFeignClients
public class PortZeroApplication {

    @FeignClient(name = "self", url = "${port-zero.self-url}", path = "/api/self")
    public interface SelfClient {

        @DtmStep(compensate = "/undo")
        @PostMapping("/step")
        void step(@RequestBody String body);

        @TccTry(confirm = "/confirm", cancel = "/cancel")
        @PostMapping("/try")
        void tryIt(@RequestBody String body);

    }

    @Service
    public static class Initiator {

        private final SelfClient self;

        public Initiator(SelfClient self) {
            this.self = self;
        }

        @GlobalSaga
        public void saga() {
            this.self.step("a");
        }

        @GlobalTcc
        public void tcc() {
            this.self.tryIt("b");
        }

    }

    @RestController
    @RequestMapping("/api/self")
    public static class Participant {

        private final List<String> handled = new ArrayList<>();

        public List<String> handled() {
            return this.handled;
        }

        @DtmBarrier
        @PostMapping("/step")
        public void step(@RequestBody String body) {
            this.handled.add("step");
        }

        @DtmBarrier
        @PostMapping("/undo")
        public void undo(@RequestBody String body) {
            this.handled.add("undo");
        }

        @TccTry
        @PostMapping("/try")
        public void tryIt(@RequestBody String body) {
            this.handled.add("try");
        }

        @TccConfirm
        @PostMapping("/confirm")
        public void confirm(@RequestBody String body) {
            this.handled.add("confirm");
        }

        @TccCancel
        @PostMapping("/cancel")
        public void cancel(@RequestBody String body) {
            this.handled.add("cancel");
        }

    }

}
