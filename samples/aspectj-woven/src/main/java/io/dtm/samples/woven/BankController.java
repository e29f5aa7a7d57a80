package io.dtm.samples.woven;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.support.GlobalTransaction;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank's branch handlers, behind the branch barrier. Each records the gid and what it did.
 */
@RestController
@RequestMapping("/bank")
public class BankController {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@DtmBarrier
	@PostMapping("/transOut")
	public void transOut(@RequestBody Transfer transfer) {
		record("transOut");
	}

	@DtmBarrier
	@PostMapping("/transOutRevert")
	public void transOutRevert(@RequestBody Transfer transfer) {
		record("transOutRevert");
	}

	@DtmBarrier
	@PostMapping("/transIn")
	public void transIn(@RequestBody Transfer transfer) {
		if (transfer.failIn()) {
			throw new DtmFailureException("transIn refused");
		}
		record("transIn");
	}

	@DtmBarrier
	@PostMapping("/transInRevert")
	public void transInRevert(@RequestBody Transfer transfer) {
		record("transInRevert");
	}

	/** The handlers that ran for {@code gid}, in order. */
	public List<String> calls(String gid) {
		String prefix = gid + ":";
		return this.calls.stream().filter((call) -> call.startsWith(prefix)).map((call) -> call.substring(prefix.length())).toList();
	}

	private void record(String handler) {
		this.calls.add(GlobalTransaction.currentGid() + ":" + handler);
	}

}
