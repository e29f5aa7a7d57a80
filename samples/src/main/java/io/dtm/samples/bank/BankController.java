package io.dtm.samples.bank;

import static io.dtm.samples.bank.Accounts.TRANS_IN_ACCOUNT;
import static io.dtm.samples.bank.Accounts.TRANS_OUT_ACCOUNT;

import java.util.Map;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.annotation.XaBranch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The bank participant of dtm's quick start, over the {@code account} table.
 * <ul>
 * <li>{@link DtmBarrier} (saga, msg and workflow), {@link TccTry}, {@link TccConfirm},
 * {@link TccCancel}: the handler runs in a local transaction behind the branch barrier,
 * so a repeated call does nothing, a compensation whose action never committed does
 * nothing (the handler is not called at all), and an action arriving after its
 * compensation is refused.</li>
 * <li>{@link XaBranch}: the handler's SQL runs in an XA branch, prepared here and
 * committed or rolled back by the coordinator through dtm's built-in phase-2
 * endpoint.</li>
 * </ul>
 * Returning normally answers 200 (SUCCESS); {@link DtmFailureException} answers 409
 * FAILURE, and the coordinator rolls the global transaction back. A request whose
 * {@code transInResult}/{@code transOutResult} is {@code "FAILURE"} makes that operation
 * refuse, as in dtm's quick start.
 */
@RestController
@RequestMapping("/api/bank")
public class BankController {

    private static final Logger log = LoggerFactory.getLogger(BankController.class);

    private final JdbcTemplate jdbc;

    private final Accounts accounts;

    public BankController(JdbcTemplate jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    // saga, msg and workflow: action and compensation (the op, action or
    // compensate/rollback, comes with the call)

    @DtmBarrier
    @PostMapping("/TransOut")
    public void transOut(@RequestBody TransReq req) {
        refuseIfForced(req.transOutResult());
        adjustBalance(TRANS_OUT_ACCOUNT, -req.amount());
    }

    @DtmBarrier
    @PostMapping("/TransOutRevert")
    public void transOutRevert(@RequestBody TransReq req) {
        adjustBalance(TRANS_OUT_ACCOUNT, req.amount());
    }

    @DtmBarrier
    @PostMapping("/TransIn")
    public void transIn(@RequestBody TransReq req) {
        refuseIfForced(req.transInResult());
        adjustBalance(TRANS_IN_ACCOUNT, req.amount());
    }

    @DtmBarrier
    @PostMapping("/TransInRevert")
    public void transInRevert(@RequestBody TransReq req) {
        adjustBalance(TRANS_IN_ACCOUNT, -req.amount());
    }

    // tcc: try reserves in trading_balance, confirm settles, cancel releases

    @TccTry
    @PostMapping("/TransOutTry")
    public void transOutTry(@RequestBody TransReq req) {
        refuseIfForced(req.transOutResult());
        adjustTrading(TRANS_OUT_ACCOUNT, -req.amount());
    }

    @TccConfirm
    @PostMapping("/TransOutConfirm")
    public void transOutConfirm(@RequestBody TransReq req) {
        settleTrading(TRANS_OUT_ACCOUNT, -req.amount());
    }

    @TccCancel
    @PostMapping("/TransOutCancel")
    public void transOutCancel(@RequestBody TransReq req) {
        adjustTrading(TRANS_OUT_ACCOUNT, req.amount());
    }

    @TccTry
    @PostMapping("/TransInTry")
    public void transInTry(@RequestBody TransReq req) {
        refuseIfForced(req.transInResult());
        adjustTrading(TRANS_IN_ACCOUNT, req.amount());
    }

    @TccConfirm
    @PostMapping("/TransInConfirm")
    public void transInConfirm(@RequestBody TransReq req) {
        settleTrading(TRANS_IN_ACCOUNT, req.amount());
    }

    @TccCancel
    @PostMapping("/TransInCancel")
    public void transInCancel(@RequestBody TransReq req) {
        adjustTrading(TRANS_IN_ACCOUNT, -req.amount());
    }

    // xa: the update runs in an XA branch, prepared here and committed or rolled back by
    // the coordinator

    @XaBranch
    @PostMapping("/TransOutXa")
    public void transOutXa(@RequestBody TransReq req) {
        refuseIfForced(req.transOutResult());
        adjustBalance(TRANS_OUT_ACCOUNT, -req.amount());
    }

    @XaBranch
    @PostMapping("/TransInXa")
    public void transInXa(@RequestBody TransReq req) {
        refuseIfForced(req.transInResult());
        adjustBalance(TRANS_IN_ACCOUNT, req.amount());
    }

    @GetMapping("/balances")
    public Map<Integer, Long> balances() {
        return this.accounts.balances();
    }

    private void adjustBalance(int account, long delta) {
        run(() -> Accounts.adjustBalance(this.jdbc, account, delta));
    }

    private void adjustTrading(int account, long delta) {
        run(() -> Accounts.adjustTrading(this.jdbc, account, delta));
    }

    private void settleTrading(int account, long delta) {
        run(() -> Accounts.settleTrading(this.jdbc, account, delta));
    }

    /**
     * Runs an update; notes for the {@link CallLog} that the business ran, or why it was
     * refused.
     */
    private static void run(Runnable update) {
        try {
            update.run();
        }
        catch (DtmFailureException ex) {
            throw refuse(ex.getMessage());
        }
        CallLog.ran();
        log.info("account updated");
    }

    private static void refuseIfForced(String result) {
        if ("FAILURE".equals(result)) {
            throw refuse("forced to FAILURE by the request");
        }
    }

    private static DtmFailureException refuse(String message) {
        log.info("refused: {}", message);
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(CallLogInterceptor.FAILURE_MESSAGE_ATTRIBUTE, message,
                    RequestAttributes.SCOPE_REQUEST);
        }
        return new DtmFailureException(message);
    }

}
