package io.dtm.spring.annotation;

import org.springframework.cloud.openfeign.FeignClient;

@FeignClient(name = "annotation-bank-xa", url = "${bank-xa.url:http://localhost:1}", path = "/bank")
public interface BankXaClient extends BankApi {

}
