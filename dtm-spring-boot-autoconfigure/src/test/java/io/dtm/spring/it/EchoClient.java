package io.dtm.spring.it;

import java.util.Map;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

@FeignClient(name = "echo", url = "${echo.url:http://localhost:1}")
public interface EchoClient {

    @GetMapping("/api/echo")
    Map<String, String> echo();

}
