package io.dtm.test.bank;

import io.dtm.spring.annotation.TccTry;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "broken-tcc-bank", url = "${testkit.bank-url}", path = "/api/broken-tcc")
public interface BrokenTccBankClient {

    @TccTry(confirm = "/TransOutConfirm", cancel = "/TransOutCancel")
    @PostMapping("/TransOutTry")
    void transOutTry(@RequestBody Move move);

    @TccTry(confirm = "/TransInConfirm", cancel = "/TransInCancel")
    @PostMapping("/TransInTry")
    void transInTry(@RequestBody Move move);

}
