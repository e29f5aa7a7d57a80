package io.dtm.spring.annotation;

import org.springframework.cloud.openfeign.FeignClient;

@FeignClient(name = "annotation-bank-out", url = "${bank-out.url:http://localhost:1}", path = "/bank")
public interface BankOutClient extends BankApi {

}
