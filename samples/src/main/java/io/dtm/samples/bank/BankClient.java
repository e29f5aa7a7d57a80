package io.dtm.samples.bank;

import java.util.Map;

import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.TccTry;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The initiator's view of the bank, over HTTP. The annotations say what a call means
 * inside a global transaction:
 * <ul>
 * <li>{@link DtmStep}: inside a {@code @GlobalSaga} or {@code @DtmMsg} the call is not
 * sent but recorded as a step (URL and body) that the coordinator makes later, with
 * {@code compensate} as its compensation;</li>
 * <li>{@link TccTry}: inside a {@code @GlobalTcc} the call registers a branch with its
 * confirm and cancel URLs, then sends the try;</li>
 * <li>no annotation: inside a {@code @GlobalXa} every call is an XA branch; elsewhere a
 * plain call.</li>
 * </ul>
 * Paths are resolved against the client's URL. {@code samples.bank-url} is where the bank
 * runs: this app itself by default, whose port is known only once the web server runs, so
 * inject this client {@code @Lazy}.
 */
@FeignClient(name = "bank", url = "${samples.bank-url}", path = "/api/bank")
public interface BankClient {

    @DtmStep(compensate = "/TransOutRevert")
    @PostMapping("/TransOut")
    void transOut(@RequestBody TransReq req);

    @DtmStep(compensate = "/TransInRevert")
    @PostMapping("/TransIn")
    void transIn(@RequestBody TransReq req);

    @TccTry(confirm = "/TransOutConfirm", cancel = "/TransOutCancel")
    @PostMapping("/TransOutTry")
    void transOutTry(@RequestBody TransReq req);

    @TccTry(confirm = "/TransInConfirm", cancel = "/TransInCancel")
    @PostMapping("/TransInTry")
    void transInTry(@RequestBody TransReq req);

    @PostMapping("/TransOutXa")
    void transOutXa(@RequestBody TransReq req);

    @PostMapping("/TransInXa")
    void transInXa(@RequestBody TransReq req);

    @GetMapping("/balances")
    Map<Integer, Long> balances();

}
