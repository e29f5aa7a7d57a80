package io.dtm.samples.woven;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.support.GlobalTransaction;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The initiator. {@link #transfer} calls the {@code @GlobalSaga} method on {@code this}: with proxies that call would
 * bypass the proxy and run no saga; woven, the saga runs.
 */
@Service
public class TransferService {

	private final BankClient bank;

	public TransferService(@Lazy BankClient bank) {
		this.bank = bank;
	}

	/** Transfers and returns the saga's gid. */
	public String transfer(Transfer transfer) {
		return this.saga(transfer);
	}

	@GlobalSaga
	String saga(Transfer transfer) {
		this.bank.transOut(transfer);
		this.bank.transIn(transfer);
		return GlobalTransaction.currentGid();
	}

}
