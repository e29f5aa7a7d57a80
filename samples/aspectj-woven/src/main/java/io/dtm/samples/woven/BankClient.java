package io.dtm.samples.woven;

import io.dtm.spring.annotation.DtmStep;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The bank as the initiator sees it: inside a {@code @GlobalSaga} each call is recorded as a step.
 */
@FeignClient(name = "bank", url = "${bank-url}")
public interface BankClient {

	@DtmStep(compensate = "/transOutRevert")
	@PostMapping("/transOut")
	void transOut(@RequestBody Transfer transfer);

	@DtmStep(compensate = "/transInRevert")
	@PostMapping("/transIn")
	void transIn(@RequestBody Transfer transfer);

}
