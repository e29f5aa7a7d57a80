package io.dtm.test.bank;

import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.TccTry;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "bank", url = "${testkit.bank-url}", path = "/api/bank")
public interface BankClient {

    @DtmStep(compensate = "/TransOutRevert")
    @PostMapping("/TransOut")
    void transOut(@RequestBody Move move);

    @DtmStep(compensate = "/TransInRevert")
    @PostMapping("/TransIn")
    void transIn(@RequestBody Move move);

    @TccTry(confirm = "/TransOutConfirm", cancel = "/TransOutCancel")
    @PostMapping("/TransOutTry")
    void transOutTry(@RequestBody Move move);

    @TccTry(confirm = "/TransInConfirm", cancel = "/TransInCancel")
    @PostMapping("/TransInTry")
    void transInTry(@RequestBody Move move);

}
