package io.dtm.test.bank;

import io.dtm.spring.annotation.DtmBarrier;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A correct participant: every handler behind the branch barrier. */
@RestController
@RequestMapping("/api/bank")
public class BankController {

	private final Accounts accounts;

	public BankController(Accounts accounts) {
		this.accounts = accounts;
	}

	@DtmBarrier
	@PostMapping("/TransOut")
	public void transOut(@RequestBody Move move) {
		this.accounts.adjust(move.account(), -move.amount());
	}

	@DtmBarrier
	@PostMapping("/TransOutRevert")
	public void transOutRevert(@RequestBody Move move) {
		this.accounts.adjust(move.account(), move.amount());
	}

	@DtmBarrier
	@PostMapping("/TransIn")
	public void transIn(@RequestBody Move move) {
		this.accounts.adjust(move.account(), move.amount());
	}

	/** The back-check of a message prepared by a test: its local transaction always committed. */
	@GetMapping("/QueryPrepared")
	public void queryPrepared() {
	}

	@DtmBarrier
	@PostMapping("/TransInRevert")
	public void transInRevert(@RequestBody Move move) {
		this.accounts.adjust(move.account(), -move.amount());
	}

}
