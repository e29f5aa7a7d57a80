package io.dtm.bench;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import io.dtm.spring.annotation.DtmStep;

/**
 * The initiator's Feign client of the bench service's saga branches
 * ({@link BenchBusiController}, the ones {@code sagaN} calls): inside a
 * {@code @GlobalSaga} each call is recorded as a step. The compensations carry no user or
 * statement count: the bench's sagas succeed, so they are never called.
 */
@FeignClient(name = "bench-busi", url = "http://127.0.0.1:${local.server.port}", path = "/api/busi_bench")
interface BenchSagaClient {

    @DtmStep(compensate = "/TransOutCom")
    @PostMapping("/TransOut")
    void transOut(@RequestParam("uid") int uid, @RequestParam("sqls") int sqls, @RequestBody Amount amount);

    @DtmStep(compensate = "/TransInCom")
    @PostMapping("/TransIn")
    void transIn(@RequestParam("uid") int uid, @RequestParam("sqls") int sqls, @RequestBody Amount amount);

}
