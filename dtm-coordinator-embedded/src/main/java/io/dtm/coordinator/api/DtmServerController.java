package io.dtm.coordinator.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.coordinator.engine.InvalidRequestException;
import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransRequest;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.model.KvEntry;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.coordinator.store.TransStore.KvPage;
import io.dtm.coordinator.store.TransStore.ResetCronResult;

/** dtm's HTTP API under {@code /api/dtmsvr} (protocol §2.1). */
@RestController
@RequestMapping(path = "/api/dtmsvr", produces = "application/json")
public class DtmServerController {

    private static final int MAX_PAGE = 1000;

    private final TransService transService;
    private final TopicService topicService;
    private final String version;
    private final long defaultResetTimeoutSeconds;

    public DtmServerController(TransService transService, TopicService topicService, String version,
            long defaultResetTimeoutSeconds) {
        this.transService = transService;
        this.topicService = topicService;
        this.version = version;
        this.defaultResetTimeoutSeconds = defaultResetTimeoutSeconds;
    }

    @GetMapping("/version")
    public ResponseEntity<String> version() {
        return DtmReplies.json(200, Map.of("version", version));
    }

    @GetMapping("/newGid")
    public ResponseEntity<String> newGid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", transService.newGid());
        body.put("dtm_result", "SUCCESS");
        return DtmReplies.json(200, body);
    }

    @PostMapping("/prepare")
    public ResponseEntity<String> prepare(HttpServletRequest request) {
        transService.prepare(RequestBodies.trans(RequestBodies.read(request)));
        return DtmReplies.success();
    }

    @PostMapping("/submit")
    public ResponseEntity<String> submit(HttpServletRequest request) {
        transService.submit(RequestBodies.trans(RequestBodies.read(request)));
        return DtmReplies.success();
    }

    @PostMapping("/abort")
    public ResponseEntity<String> abort(HttpServletRequest request) {
        transService.abort(RequestBodies.trans(RequestBodies.read(request)));
        return DtmReplies.success();
    }

    @PostMapping("/forceStop")
    public ResponseEntity<String> forceStop(HttpServletRequest request) {
        transService.forceStop(RequestBodies.trans(RequestBodies.read(request)).gid());
        return DtmReplies.success();
    }

    @PostMapping({ "/registerBranch", "/registerXaBranch", "/registerTccBranch" })
    public ResponseEntity<String> registerBranch(HttpServletRequest request) {
        transService.registerBranch(RequestBodies.stringMap(RequestBodies.read(request)));
        return DtmReplies.success();
    }

    @PostMapping("/prepareWorkflow")
    public ResponseEntity<String> prepareWorkflow(HttpServletRequest request) {
        TransService.WorkflowProgress progress = transService.prepareWorkflow(RequestBodies.trans(RequestBodies.read(request)));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transaction", TransJson.globalToJson(progress.transaction()));
        reply.put("progresses", progress.progresses().stream().map(TransJson::branchToJson).toList());
        return DtmReplies.json(200, reply);
    }

    @GetMapping("/query")
    public ResponseEntity<String> query(@RequestParam(required = false) String gid) {
        TransService.QueryResult result = transService.query(gid);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transaction", result.transaction() == null ? null : TransJson.globalToJson(result.transaction()));
        reply.put("branches", result.branches().stream().map(TransJson::branchToJson).toList());
        return DtmReplies.json(200, reply);
    }

    @GetMapping("/all")
    public ResponseEntity<String> all(@RequestParam(required = false) String position,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String status,
            @RequestParam(required = false) String transType,
            @RequestParam(required = false) String createTimeStart,
            @RequestParam(required = false) String createTimeEnd) {
        if (position != null && !position.isEmpty()) {
            parseLong("position", position);
        }
        GlobalQuery query = new GlobalQuery(position, pageLimit(limit), status, transType,
                epochMillis("createTimeStart", createTimeStart), epochMillis("createTimeEnd", createTimeEnd));
        GlobalPage page = transService.all(query);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transactions", page.transactions().isEmpty() ? null
                : page.transactions().stream().map(TransJson::globalToJson).toList());
        reply.put("next_position", page.nextPosition());
        return DtmReplies.json(200, reply);
    }

    @GetMapping("/resetCronTime")
    public ResponseEntity<String> resetCronTime(@RequestParam(required = false) String timeout,
            @RequestParam(required = false) String limit) {
        long timeoutSeconds = timeout == null || timeout.isEmpty() ? defaultResetTimeoutSeconds
                : parseLong("timeout", timeout);
        ResetCronResult result = transService.resetCronTime(timeoutSeconds, pageLimit(limit));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("has_remaining", result.hasRemaining());
        reply.put("succeed_count", result.succeedCount());
        return DtmReplies.json(200, reply);
    }

    @PostMapping("/resetNextCronTime")
    public ResponseEntity<String> resetNextCronTime(HttpServletRequest request) {
        transService.resetNextCronTime(RequestBodies.trans(RequestBodies.read(request)).gid());
        return DtmReplies.success();
    }

    @GetMapping("/subscribe")
    public ResponseEntity<String> subscribe(@RequestParam(required = false) String topic,
            @RequestParam(required = false) String url, @RequestParam(required = false) String remark) {
        topicService.subscribe(topic, url, remark);
        return DtmReplies.success();
    }

    @GetMapping("/unsubscribe")
    public ResponseEntity<String> unsubscribe(@RequestParam(required = false) String topic,
            @RequestParam(required = false) String url) {
        topicService.unsubscribe(topic, url);
        return DtmReplies.success();
    }

    @DeleteMapping("/topic/{topicName}")
    public ResponseEntity<String> deleteTopic(@PathVariable String topicName) {
        topicService.deleteTopic(topicName);
        return DtmReplies.success();
    }

    @GetMapping("/scanKV")
    public ResponseEntity<String> scanKv(@RequestParam(required = false) String cat,
            @RequestParam(required = false) String position, @RequestParam(required = false) String limit) {
        requireParam("cat", cat);
        if (position != null && !position.isEmpty()) {
            parseLong("position", position);
        }
        KvPage page = topicService.scanKv(cat, position, pageLimit(limit));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("kv", page.kv().stream().map(DtmServerController::kvJson).toList());
        reply.put("next_position", page.nextPosition());
        return DtmReplies.json(200, reply);
    }

    @GetMapping("/queryKV")
    public ResponseEntity<String> queryKv(@RequestParam(required = false) String cat,
            @RequestParam(required = false) String key) {
        requireParam("cat", cat);
        List<KvEntry> kv = topicService.queryKv(cat, key);
        return DtmReplies.json(200, Map.of("kv", kv.stream().map(DtmServerController::kvJson).toList()));
    }

    private static Map<String, Object> kvJson(KvEntry e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", e.id());
        map.put("create_time", TransJson.time(e.createTime()));
        map.put("update_time", TransJson.time(e.updateTime()));
        map.put("cat", e.cat());
        map.put("k", e.k());
        map.put("v", e.v());
        map.put("version", e.version());
        return map;
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

    private static Instant epochMillis(String name, String value) {
        return value == null || value.isEmpty() ? null : Instant.ofEpochMilli(parseLong(name, value));
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static void requireParam(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("query parameter '" + name + "' is required");
        }
    }
}
