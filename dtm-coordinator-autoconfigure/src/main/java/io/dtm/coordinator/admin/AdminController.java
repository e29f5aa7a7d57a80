package io.dtm.coordinator.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;

import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.engine.support.TransNotFoundException;
import io.dtm.coordinator.api.DtmReplies;
import io.dtm.protocol.Gids;
import io.dtm.protocol.KvEntry;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.coordinator.store.TransStore.KvPage;

/**
 * The admin UI's read endpoints under {@code /api/admin}. Changes (force stop, retry now)
 * go through dtm's own API, {@code /api/dtmsvr/forceStop} and
 * {@code /api/dtmsvr/resetNextCronTime}. Every query parameter is checked by
 * {@link AdminParams}; failures get the coordinator's {@code {"message"}} replies.
 */
@RestController
@RequestMapping("/api/admin")
public class AdminController {

    private static final List<String> STATUSES = Stream.of(TransStatus.values()).map(TransStatus::wireName).toList();

    private static final List<String> TYPES = Stream.of(TransType.values()).map(TransType::wireName).toList();

    private static final int MAX_GID = Gids.MAX_LENGTH;

    private static final int MAX_PAGE = 200;

    private static final int DEFAULT_BRANCH_PAGE = TransService.DEFAULT_BRANCH_PAGE;

    private static final long MAX_THRESHOLD_SECONDS = 10L * 365 * 24 * 3600;

    private static final TypeReference<List<TopicService.Subscriber>> SUBSCRIBERS = new TypeReference<>() {
    };

    private final TransService transactions;

    private final TopicService topics;

    private final RecentBranchCalls recentCalls;

    private final StuckTransactions stuck;

    private final LiveReplicas replicas;

    private final ReplicaHeartbeat heartbeat;

    private final EngineSettings settings;

    private final String version;

    public AdminController(TransService transactions, TopicService topics, RecentBranchCalls recentCalls,
            StuckTransactions stuck, LiveReplicas replicas, ReplicaHeartbeat heartbeat, EngineSettings settings,
            String version) {
        this.transactions = transactions;
        this.topics = topics;
        this.recentCalls = recentCalls;
        this.stuck = stuck;
        this.replicas = replicas;
        this.heartbeat = heartbeat;
        this.settings = settings;
        this.version = version;
    }

    /**
     * What the UI shows in its header and notes: version, this replica, the settings
     * behind the views.
     */
    @GetMapping("/info")
    public ResponseEntity<String> info(HttpServletRequest request) {
        AdminParams.of(request);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("version", version);
        reply.put("replica", heartbeat.self().map(ReplicaInfo::id).orElse(null));
        reply.put("heartbeat_interval_ms", heartbeat.interval().toMillis());
        reply.put("recent_calls", recentCalls.capacity());
        reply.put("stuck_after_s", stuck.defaultThreshold().toSeconds());
        reply.put("stuck_scan_limit", stuck.scanLimit());
        reply.put("retry_interval_s", settings.retryInterval().toSeconds());
        return DtmReplies.json(200, reply);
    }

    /**
     * Transactions newest first, filtered; the next page starts at {@code next_position}.
     */
    @GetMapping("/transactions")
    public ResponseEntity<String> transactions(HttpServletRequest request) {
        AdminParams p = AdminParams.of(request, "status", "type", "gidPrefix", "createdFrom", "createdTo", "position",
                "limit");
        Instant from = p.instant("createdFrom");
        Instant to = p.instant("createdTo");
        AdminParams.requireOrder("createdFrom", from, "createdTo", to);
        GlobalQuery query = new GlobalQuery(p.position("position"), (int) p.number("limit", 50, 1, MAX_PAGE),
                p.oneOf("status", STATUSES), p.oneOf("type", TYPES), from, to, p.text("gidPrefix", MAX_GID));
        GlobalPage page = transactions.all(query);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transactions", page.transactions().stream().map(AdminJson::summary).toList());
        reply.put("next_position", page.nextPosition() == null ? "" : page.nextPosition());
        return DtmReplies.json(200, reply);
    }

    /**
     * One transaction, a page of its branches ({@code branchLimit}, default
     * {@value #DEFAULT_BRANCH_PAGE}, from {@code branchPosition}; the next page starts at
     * {@code branches_next_position}), and the calls to them this replica remembers.
     */
    @GetMapping("/transaction")
    public ResponseEntity<String> transaction(HttpServletRequest request) {
        AdminParams p = AdminParams.of(request, "gid", "branchPosition", "branchLimit");
        String gid = p.required("gid", MAX_GID);
        TransService.QueryResult result = transactions.query(gid,
                (int) p.number("branchPosition", 0, 0, Integer.MAX_VALUE),
                (int) p.number("branchLimit", DEFAULT_BRANCH_PAGE, 1, TransService.DEFAULT_BRANCH_PAGE));
        if (result.transaction() == null) {
            throw new TransNotFoundException(gid);
        }
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("replica", heartbeat.self().map(ReplicaInfo::id).orElse(null));
        calls.put("capacity", recentCalls.capacity());
        calls.put("calls", AdminJson.calls(recentCalls.callsOf(gid)));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transaction", AdminJson.detail(result.transaction(), settings.retryInterval()));
        reply.put("branches", AdminJson.branches(result.branches()));
        reply.put("branches_next_position", result.nextBranchPosition());
        reply.put("branch_count", transactions.branchTotals(gid).count());
        reply.put("seen_by_this_replica", calls);
        return DtmReplies.json(200, reply);
    }

    /** Transactions that should have ended by now, the oldest first. */
    @GetMapping("/stuck")
    public ResponseEntity<String> stuck(HttpServletRequest request) {
        AdminParams p = AdminParams.of(request, "limit", "olderThan");
        int limit = (int) p.number("limit", 100, 1, MAX_PAGE);
        long olderThan = p.number("olderThan", -1, 1, MAX_THRESHOLD_SECONDS);
        StuckTransactions.Result result = stuck.find(olderThan < 0 ? null : Duration.ofSeconds(olderThan), limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StuckTransactions.Stuck s : result.stuck()) {
            Map<String, Object> row = AdminJson.summary(s.transaction());
            row.put("reason", s.reason());
            row.put("timeout_at", AdminJson.time(s.timeoutAt()));
            Instant created = s.transaction().getCreateTime();
            row.put("age_s", created == null ? null : Duration.between(created, result.now()).toSeconds());
            rows.add(row);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("transactions", rows);
        reply.put("total", result.total());
        reply.put("scanned", result.scanned());
        reply.put("cut_short", result.cutShort());
        reply.put("threshold_s", result.threshold().toSeconds());
        reply.put("scan_limit", stuck.scanLimit());
        return DtmReplies.json(200, reply);
    }

    /**
     * Msg topics and their subscribers (KV rows of category {@code topics}), in creation
     * order.
     */
    @GetMapping("/topics")
    public ResponseEntity<String> topics(HttpServletRequest request) {
        AdminParams p = AdminParams.of(request, "position", "limit");
        KvPage page = topics.scanKv(KvEntry.CAT_TOPICS, p.position("position"),
                (int) p.number("limit", 100, 1, MAX_PAGE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KvEntry e : page.kv()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", e.k());
            List<TopicService.Subscriber> subscribers = subscribers(e.v());
            row.put("subscribers", subscribers == null ? List.of() : subscribers.stream()
                .map(s -> Map.of("url", s.url() == null ? "" : s.url(), "remark", s.remark() == null ? "" : s.remark()))
                .toList());
            row.put("readable", subscribers != null);
            row.put("version", e.version());
            row.put("update_time", AdminJson.time(e.updateTime()));
            rows.add(row);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("topics", rows);
        reply.put("next_position", page.nextPosition() == null ? "" : page.nextPosition());
        return DtmReplies.json(200, reply);
    }

    /** The coordinator replicas whose heartbeat is recent. */
    @GetMapping("/replicas")
    public ResponseEntity<String> replicas(HttpServletRequest request) {
        AdminParams.of(request);
        String self = heartbeat.self().map(ReplicaInfo::id).orElse(null);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("replicas", replicas.live().stream().map(r -> AdminJson.replica(r, r.id().equals(self))).toList());
        reply.put("heartbeat_interval_ms", heartbeat.interval().toMillis());
        return DtmReplies.json(200, reply);
    }

    private static @Nullable List<TopicService.Subscriber> subscribers(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            return TransJson.MAPPER.readValue(value, SUBSCRIBERS);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

}
