package io.dtm.test.bank;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/** The initiator: a saga of TransOut then TransIn, or the same as TCC. */
@Service
public class TransferService {

    private final BankClient bank;

    private final BrokenBankClient brokenBank;

    private final HangingBankClient hangingBank;

    private final BrokenTccBankClient brokenTccBank;

    private final HangingTccBankClient hangingTccBank;

    public TransferService(@Lazy BankClient bank, @Lazy BrokenBankClient brokenBank,
            @Lazy HangingBankClient hangingBank, @Lazy BrokenTccBankClient brokenTccBank,
            @Lazy HangingTccBankClient hangingTccBank) {
        this.bank = bank;
        this.brokenBank = brokenBank;
        this.hangingBank = hangingBank;
        this.brokenTccBank = brokenTccBank;
        this.hangingTccBank = hangingTccBank;
    }

    @GlobalSaga
    public void transfer(int from, int to, long amount) {
        this.bank.transOut(new Move(from, amount));
        this.bank.transIn(new Move(to, amount));
    }

    @GlobalSaga(timeoutToFail = "35s")
    public void transferWithin35s(int from, int to, long amount) {
        this.bank.transOut(new Move(from, amount));
        this.bank.transIn(new Move(to, amount));
    }

    @GlobalSaga
    public void transferThroughBrokenBank(int from, int to, long amount) {
        this.brokenBank.transOut(new Move(from, amount));
        this.brokenBank.transIn(new Move(to, amount));
    }

    @GlobalSaga
    public void transferThroughHangingBank(int from, int to, long amount) {
        this.hangingBank.transOut(new Move(from, amount));
        this.hangingBank.transIn(new Move(to, amount));
    }

    @GlobalTcc
    public void transferTcc(int from, int to, long amount) {
        this.bank.transOutTry(new Move(from, amount));
        this.bank.transInTry(new Move(to, amount));
    }

    @GlobalTcc
    public void transferTccThroughBrokenBank(int from, int to, long amount) {
        this.brokenTccBank.transOutTry(new Move(from, amount));
        this.brokenTccBank.transInTry(new Move(to, amount));
    }

    @GlobalTcc
    public void transferTccThroughHangingBank(int from, int to, long amount) {
        this.hangingTccBank.transOutTry(new Move(from, amount));
        this.hangingTccBank.transInTry(new Move(to, amount));
    }

}
