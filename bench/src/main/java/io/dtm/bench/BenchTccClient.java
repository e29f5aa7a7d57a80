package io.dtm.bench;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import io.dtm.spring.annotation.TccTry;

/**
 * The initiator's Feign client of {@link BenchTccParticipant}: inside a
 * {@code @GlobalTcc} each call registers a branch and sends its try. The bench's port is
 * known only once the web server runs, so the client is resolved lazily.
 */
@FeignClient(name = "bench-tcc", url = "http://127.0.0.1:${local.server.port}", path = "/api/bench_tcc")
interface BenchTccClient {

    @TccTry(confirm = "/TransOutConfirm", cancel = "/TransOutCancel")
    @PostMapping("/TransOutTry")
    void transOutTry(@RequestParam("uid") int uid, @RequestParam("sqls") int sqls, @RequestBody Amount amount);

    @TccTry(confirm = "/TransInConfirm", cancel = "/TransInCancel")
    @PostMapping("/TransInTry")
    void transInTry(@RequestParam("uid") int uid, @RequestParam("sqls") int sqls, @RequestBody Amount amount);

}
