package io.dtm.spring.annotation;

import java.util.Map;

import io.dtm.protocol.DtmFailureException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The application's own endpoints, which are no dtm branches, and its own handling of
 * their exceptions.
 */
@RestController
@RequestMapping("/app")
public class AppEndpoints {

    @PostMapping("/reserve")
    public void reserve() {
        throw new DtmFailureException("out of stock");
    }

    @PostMapping("/crash")
    public void crash() {
        throw new IllegalStateException("internal detail of the crash");
    }

    @RestControllerAdvice
    static class AppExceptionHandler {

        @ExceptionHandler(DtmFailureException.class)
        ResponseEntity<Map<String, String>> refused(DtmFailureException ex) {
            return ResponseEntity.status(422).body(Map.of("error", "refused by the app"));
        }

    }

}
