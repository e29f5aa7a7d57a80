package io.dtm.spring.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.DtmResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers participants' exceptions the way dtm reads them: {@link DtmFailureException} gives 409
 * {@code {"dtm_result":"FAILURE","message":...}}, {@link DtmOngoingException} 425
 * {@code {"dtm_result":"ONGOING","message":...}}. Replace it by declaring a bean of this type. Other exceptions
 * of dtm-bound requests are answered by {@link DtmHandlerExceptionResolver}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class DtmExceptionHandler {

	private static final Log log = LogFactory.getLog(DtmExceptionHandler.class);

	@ExceptionHandler(DtmFailureException.class)
	public ResponseEntity<Map<String, String>> failure(DtmFailureException ex) {
		return reply(HttpStatus.CONFLICT, DtmResult.FAILURE.wireName(), ex.getMessage());
	}

	@ExceptionHandler(DtmOngoingException.class)
	public ResponseEntity<Map<String, String>> ongoing(DtmOngoingException ex) {
		return reply(HttpStatus.TOO_EARLY, DtmResult.ONGOING.wireName(), ex.getMessage());
	}

	/** An unsigned or badly signed call to an endpoint that needs the coordinator's signature. */
	@ExceptionHandler(DtmUnauthorizedException.class)
	public ResponseEntity<Map<String, String>> unauthorized(DtmUnauthorizedException ex) {
		log.warn(LogText.prefix(ex.getMessage(), 300));
		return reply(HttpStatus.UNAUTHORIZED, null, ex.getMessage());
	}

	protected ResponseEntity<Map<String, String>> reply(HttpStatus status, String result, String message) {
		Map<String, String> body = new LinkedHashMap<>();
		if (result != null) {
			body.put("dtm_result", result);
		}
		body.put("message", (message != null) ? message : "");
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
