package io.dtm.coordinator.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.auth.ApiGrant;
import io.dtm.protocol.Gids;
import io.dtm.protocol.TraceParent;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.coordinator.store.TransStore.KvPage;
import io.dtm.coordinator.store.TransStore.ResetCronResult;
import io.dtm.protocol.DtmResult;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.WireLimits;

/**
 * dtm's HTTP API under {@code /api/dtmsvr} (docs/protocol.md#http-api). Replies are JSON
 * whatever the request's Accept header, as dtm's; bodies are read strictly by
 * {@link RequestBodies} and every query parameter is checked here, so a bad request is
 * refused before the engine or the store sees it.
 */
@RestController
@RequestMapping("/api/dtmsvr")
public class DtmServerController {

    private static final int MAX_PAGE = 1000;

    /** 9999-12-31T23:59:59.999Z, the last instant every store's time column can hold. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    /** As the timeouts of a transaction: ten years. */
    private static final long MAX_RESET_TIMEOUT_SECONDS = 10L * 365 * 24 * 3600;

    private static final int MAX_GID = Gids.MAX_LENGTH;

    private static final int MAX_NAME = 45;

    private static final int MAX_KEY = 128;

    private static final int MAX_TEXT = WireLimits.MAX_TEXT_LENGTH;

    private final TransService transService;

    private final TopicService topicService;

    private final String version;

    private final long defaultResetTimeoutSeconds;

    private final ApiLimits limits;

    public DtmServerController(TransService transService, TopicService topicService, String version,
            long defaultResetTimeoutSeconds, ApiLimits limits) {
        this.transService = transService;
        this.topicService = topicService;
        this.version = version;
        this.defaultResetTimeoutSeconds = defaultResetTimeoutSeconds;
        this.limits = limits;
    }

    @GetMapping("/version")
    public ResponseEntity<String> version() {
        return DtmReplies.json(200, Map.of("version", version));
    }

    @GetMapping("/newGid")
    public ResponseEntity<String> newGid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", transService.newGid());
        body.put("dtm_result", DtmResult.SUCCESS.wireName());
        return DtmReplies.json(200, body);
    }

    @PostMapping("/prepare")
    public ResponseEntity<String> prepare(HttpServletRequest request) {
        transService.prepare(trans(request), trace(request));
        return DtmReplies.success();
    }

    @PostMapping("/submit")
    public ResponseEntity<String> submit(HttpServletRequest request) {
        transService.submit(trans(request), trace(request));
        return DtmReplies.success();
    }

    @PostMapping("/abort")
    public ResponseEntity<String> abort(HttpServletRequest request) {
        transService.abort(trans(request));
        return DtmReplies.success();
    }

    @PostMapping("/forceStop")
    public ResponseEntity<String> forceStop(HttpServletRequest request) {
        transService.forceStop(trans(request).getGid());
        return DtmReplies.success();
    }

    @PostMapping({ "/registerBranch", "/registerXaBranch", "/registerTccBranch" })
    public ResponseEntity<String> registerBranch(HttpServletRequest request) {
        Map<String, String> branch = RequestBodies.stringMap(RequestBodies.json(RequestBodies.read(request, limits)),
                limits);
        ApiGrant.checkGid(request, branch.get("gid"));
        transService.registerBranch(branch);
        return DtmReplies.success();
    }

    @PostMapping("/prepareWorkflow")
    public ResponseEntity<String> prepareWorkflow(HttpServletRequest request) {
        TransService.WorkflowProgress progress = transService.prepareWorkflow(trans(request), trace(request));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transaction", progress.transaction());
        reply.put("progresses", progress.progresses());
        return DtmReplies.json(200, reply);
    }

    /**
     * The transaction and a page of its branches: {@code limit} (default and at most
     * {@value TransService#DEFAULT_BRANCH_PAGE}) from {@code position} (default 0). When
     * more branches follow, the reply has {@code next_position}, the position of the next
     * page; without it the reply has dtm's shape.
     */
    @GetMapping("/query")
    public ResponseEntity<String> query(@RequestParam(required = false) String gid,
            @RequestParam(required = false) String position, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        int from = branchPosition(param("position", position, MAX_NAME));
        int size = limit == null || limit.isEmpty() ? TransService.DEFAULT_BRANCH_PAGE
                : (int) boundedLong("limit", limit, 1, TransService.DEFAULT_BRANCH_PAGE);
        String checked = param("gid", gid, MAX_GID);
        if (checked != null && !checked.isEmpty()) {
            ApiGrant.checkGid(request, checked);
        }
        TransService.QueryResult result = transService.query(checked, from, size);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transaction", BranchHeaderMask.apply(result.transaction(), ApiGrant.seesBranchHeaders(request)));
        reply.put("branches", result.branches());
        if (!result.nextBranchPosition().isEmpty()) {
            reply.put("next_position", result.nextBranchPosition());
        }
        return DtmReplies.json(200, reply);
    }

    private static int branchPosition(String position) {
        if (position == null || position.isEmpty()) {
            return 0;
        }
        return (int) boundedLong("position", position, 0, Integer.MAX_VALUE);
    }

    private static long boundedLong(String name, String value, long min, long max) {
        long parsed = parseLong(name, value);
        if (parsed < min || parsed > max) {
            throw new InvalidRequestException(name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    @GetMapping("/all")
    public ResponseEntity<String> all(@RequestParam(required = false) String position,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String status,
            @RequestParam(required = false) String transType, @RequestParam(required = false) String createTimeStart,
            @RequestParam(required = false) String createTimeEnd, HttpServletRequest request) {
        if (position != null && !position.isEmpty()) {
            parseLong("position", position);
        }
        GlobalQuery query = new GlobalQuery(position, pageLimit(limit), param("status", status, MAX_NAME),
                param("transType", transType, MAX_NAME), epochMillis("createTimeStart", createTimeStart),
                epochMillis("createTimeEnd", createTimeEnd));
        GlobalPage page = transService.all(query);
        ApiGrant grant = ApiGrant.of(request);
        boolean seesHeaders = ApiGrant.seesBranchHeaders(request);
        List<Object> transactions = page.transactions()
            .stream()
            .filter(g -> grant == null || grant.allowsGid(g.getGid()))
            .map(g -> BranchHeaderMask.apply(g, seesHeaders))
            .toList();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transactions", transactions.isEmpty() ? null : transactions);
        reply.put("next_position", page.nextPosition());
        return DtmReplies.json(200, reply);
    }

    @GetMapping("/resetCronTime")
    public ResponseEntity<String> resetCronTime(@RequestParam(required = false) String timeout,
            @RequestParam(required = false) String limit) {
        long timeoutSeconds = timeout == null || timeout.isEmpty() ? defaultResetTimeoutSeconds
                : parseLong("timeout", timeout);
        if (timeoutSeconds < 0 || timeoutSeconds > MAX_RESET_TIMEOUT_SECONDS) {
            throw new InvalidRequestException("timeout must be between 0 and " + MAX_RESET_TIMEOUT_SECONDS
                    + " seconds (10 years), got " + timeoutSeconds);
        }
        ResetCronResult result = transService.resetCronTime(timeoutSeconds, pageLimit(limit));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("has_remaining", result.hasRemaining());
        reply.put("succeed_count", result.succeedCount());
        return DtmReplies.json(200, reply);
    }

    @PostMapping("/resetNextCronTime")
    public ResponseEntity<String> resetNextCronTime(HttpServletRequest request) {
        transService.resetNextCronTime(trans(request).getGid());
        return DtmReplies.success();
    }

    @GetMapping("/subscribe")
    public ResponseEntity<String> subscribe(@RequestParam(required = false) String topic,
            @RequestParam(required = false) String url, @RequestParam(required = false) String remark) {
        topicService.subscribe(param("topic", topic, MAX_KEY), param("url", url, MAX_TEXT),
                param("remark", remark, MAX_TEXT));
        return DtmReplies.success();
    }

    @GetMapping("/unsubscribe")
    public ResponseEntity<String> unsubscribe(@RequestParam(required = false) String topic,
            @RequestParam(required = false) String url) {
        topicService.unsubscribe(param("topic", topic, MAX_KEY), param("url", url, MAX_TEXT));
        return DtmReplies.success();
    }

    @DeleteMapping("/topic/{topicName}")
    public ResponseEntity<String> deleteTopic(@PathVariable String topicName) {
        topicService.deleteTopic(param("topic", topicName, MAX_KEY));
        return DtmReplies.success();
    }

    @GetMapping("/scanKV")
    public ResponseEntity<String> scanKv(@RequestParam(required = false) String cat,
            @RequestParam(required = false) String position, @RequestParam(required = false) String limit) {
        requireParam("cat", param("cat", cat, MAX_NAME));
        String from = param("position", position, MAX_KEY);
        if (from != null && !from.isEmpty() && !topicService.isKvPosition(from)) {
            throw new InvalidRequestException("position must be the next_position of the previous page");
        }
        KvPage page = topicService.scanKv(cat, position, pageLimit(limit));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("kv", page.kv());
        reply.put("next_position", page.nextPosition());
        return DtmReplies.json(200, reply);
    }

    @GetMapping("/queryKV")
    public ResponseEntity<String> queryKv(@RequestParam(required = false) String cat,
            @RequestParam(required = false) String key) {
        requireParam("cat", param("cat", cat, MAX_NAME));
        List<KvEntry> kv = topicService.queryKv(cat, param("key", key, MAX_KEY));
        return DtmReplies.json(200, Map.of("kv", kv));
    }

    private static int pageLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 100;
        }
        long value = parseLong("limit", limit);
        if (value < 1 || value > MAX_PAGE) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_PAGE + ", got " + value);
        }
        return (int) value;
    }

    private static @Nullable Instant epochMillis(String name, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long millis = parseLong(name, value);
        if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
            throw new InvalidRequestException(name + " must be epoch milliseconds between 0 and " + MAX_EPOCH_MILLIS
                    + " (year 9999), got " + millis);
        }
        return Instant.ofEpochMilli(millis);
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException(name + " must be an integer within 64 bits, got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        }
    }

    /** The initiator's trace context; a malformed one is ignored. */
    static TraceParent trace(HttpServletRequest request) {
        return TraceParent.parse(request.getHeader(TraceParent.HEADER));
    }

    /** The request's transaction, once its gid is one the token may act on. */
    private TransRequest trans(HttpServletRequest request) {
        TransRequest trans = RequestBodies.trans(RequestBodies.json(RequestBodies.read(request, limits)), limits);
        ApiGrant.checkGid(request, trans.getGid());
        return trans;
    }

    /**
     * A query parameter that reaches the store: bounded by its column, and no NUL, which
     * PostgreSQL refuses.
     */
    private static @Nullable String param(String name, @Nullable String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException("query parameter '" + name + "' is " + value.length()
                    + " characters long; at most " + maxLength + " are allowed");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidRequestException("query parameter '" + name + "' contains a NUL character");
        }
        return value;
    }

    private static void requireParam(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("query parameter '" + name + "' is required");
        }
    }

}
