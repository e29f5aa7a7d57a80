package io.dtm.spring.annotation;

import org.springframework.cloud.openfeign.FeignClient;

/** A second XA bank, on PostgreSQL, for XA transactions that span two databases. */
@FeignClient(name = "annotation-bank-xa-pg", url = "${bank-xa-pg.url:http://localhost:1}", path = "/bank")
public interface BankXaPgClient extends BankApi {

}
