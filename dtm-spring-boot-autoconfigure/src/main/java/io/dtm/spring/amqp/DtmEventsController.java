package io.dtm.spring.amqp;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.protocol.DtmResult;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.web.BranchCalls;
import io.dtm.spring.security.SignedCallbackGuard;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The branch endpoint of an event step ({@link DtmEvents#publish}): the coordinator calls
 * it with the message's gid and branch id and the event as body; it publishes the event
 * and answers SUCCESS only once the broker confirmed it. Any other answer (503 when the
 * broker did not confirm, 4xx for a request that can never be published) leaves the
 * branch to be retried by the coordinator. Signed like the other built-in endpoints under
 * {@code dtm.callback-path} whenever {@code dtm.callback.secrets} is set.
 */
@RestController
@RequestMapping("${dtm.callback-path:/dtm}")
public class DtmEventsController {

    public static final String PUBLISH = "/events/publish";

    private static final Log log = LogFactory.getLog(DtmEventsController.class);

    private final DtmEventPublisher publisher;

    private final DtmEventsProperties properties;

    private final SignedCallbackGuard guard;

    public DtmEventsController(DtmEventPublisher publisher, DtmEventsProperties properties, SignedCallbackGuard guard) {
        this.publisher = publisher;
        this.properties = properties;
        this.guard = guard;
    }

    @RequestMapping(path = PUBLISH, method = { RequestMethod.GET, RequestMethod.POST })
    public ResponseEntity<Map<String, String>> publish(@RequestParam(required = false) String exchange,
            @RequestParam(name = "routing_key", required = false) String routingKey, HttpServletRequest request)
            throws IOException {
        this.guard.requireSigned(request, "event publish");
        DtmTransaction transaction = BranchCalls.transaction(request.getQueryString());
        if (transaction == null || !StringUtils.hasText(transaction.gid())
                || !StringUtils.hasText(transaction.branchId())) {
            return reply(HttpStatus.BAD_REQUEST, "gid and branch_id are required: this endpoint is called by the "
                    + "coordinator for a message's event step");
        }
        EventRoute route;
        byte[] body;
        try {
            route = new EventRoute(exchange, routingKey);
            route.checkAllowed(this.properties.getAllowedExchanges());
            body = readBody(request, this.properties.getMaxPayloadSize().toBytes());
        }
        catch (InvalidEventException ex) {
            return reply(HttpStatus.valueOf(ex.status()), ex.getMessage());
        }
        try {
            this.publisher.publish(route, body, transaction.gid(), transaction.branchId());
        }
        catch (EventNotPublishedException | IllegalStateException ex) {
            log.warn("Event " + transaction.gid() + ";" + transaction.branchId() + " not published, the coordinator "
                    + "retries it: " + ex.getMessage());
            return reply(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        }
        Map<String, String> success = Map.of("dtm_result", DtmResult.SUCCESS.wireName());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(success);
    }

    /** Reads at most {@code max} bytes, never the whole of a longer body. */
    private static byte[] readBody(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            EventRoute.checkPayloadSize(declared, max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            EventRoute.checkPayloadSize(body.length, max);
            return body;
        }
    }

    private static ResponseEntity<Map<String, String>> reply(HttpStatus status, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

}
