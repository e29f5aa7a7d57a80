package io.dtm.spring.annotation;

import org.springframework.cloud.openfeign.FeignClient;

@FeignClient(name = "annotation-bank-in", url = "${bank-in.url:http://localhost:1}", path = "/bank")
public interface BankInClient extends BankApi {

}
