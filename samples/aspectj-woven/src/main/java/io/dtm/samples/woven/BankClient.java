package io.dtm.samples.woven;

import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.TccTry;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The bank as the initiator sees it: inside a {@code @GlobalSaga} or {@code @DtmMsg} a
 * {@code @DtmStep} call is recorded as a step; inside a {@code @GlobalTcc} a
 * {@code @TccTry} call registers a branch and sends its try.
 */
@FeignClient(name = "bank", url = "${bank-url}")
public interface BankClient {

    @DtmStep(compensate = "/transOutRevert")
    @PostMapping("/transOut")
    void transOut(@RequestBody Transfer transfer);

    @DtmStep(compensate = "/transInRevert")
    @PostMapping("/transIn")
    void transIn(@RequestBody Transfer transfer);

    @TccTry(confirm = "/transOutConfirm", cancel = "/transOutCancel")
    @PostMapping("/transOutTry")
    void transOutTry(@RequestBody Transfer transfer);

    @TccTry(confirm = "/transInConfirm", cancel = "/transInCancel")
    @PostMapping("/transInTry")
    void transInTry(@RequestBody Transfer transfer);

}
