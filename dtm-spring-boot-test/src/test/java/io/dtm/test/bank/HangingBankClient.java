package io.dtm.test.bank;

import io.dtm.spring.annotation.DtmStep;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "hanging-bank", url = "${testkit.bank-url}", path = "/api/hanging")
public interface HangingBankClient {

    @DtmStep(compensate = "/TransOutRevert")
    @PostMapping("/TransOut")
    void transOut(@RequestBody Move move);

    @DtmStep(compensate = "/TransInRevert")
    @PostMapping("/TransIn")
    void transIn(@RequestBody Move move);

}
