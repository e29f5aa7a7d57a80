package io.dtm.spring.web;

import java.util.List;
import java.util.Map;

import io.dtm.protocol.DtmResult;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.security.CallbackSignatures;
import io.dtm.spring.security.SignedCallbackGuard;
import io.dtm.spring.xa.XaParticipant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Endpoints the coordinator calls back on this service: the workflow resume, XA phase 2
 * and the msg back-checks on the default DataSource and on Redis. Mapped under
 * {@code dtm.callback-path} ({@code /dtm} by default).
 */
@RestController
@RequestMapping("${dtm.callback-path:/dtm}")
public class DtmCallbackController {

    public static final String WORKFLOW_RESUME = "/workflow/resume";

    public static final String XA_PHASE2 = "/xa/phase2";

    public static final String MSG_QUERY_PREPARED = "/msg/query-prepared";

    public static final String MSG_REDIS_QUERY_PREPARED = "/msg/redis-query-prepared";

    private static final Map<String, String> SUCCESS = Map.of("dtm_result", DtmResult.SUCCESS.wireName());

    private final ObjectProvider<Workflows> workflows;

    private final ObjectProvider<XaParticipant> xaParticipant;

    private final ObjectProvider<JdbcBarrier> barrier;

    private final ObjectProvider<RedisBarrier> redisBarrier;

    private final SignedCallbackGuard guard;

    /** Endpoints open to unsigned calls, as in dtm. */
    public DtmCallbackController(ObjectProvider<Workflows> workflows, ObjectProvider<XaParticipant> xaParticipant,
            ObjectProvider<JdbcBarrier> barrier, ObjectProvider<RedisBarrier> redisBarrier) {
        this(workflows, xaParticipant, barrier, redisBarrier,
                new SignedCallbackGuard(CallbackSignatures.of(List.of()), false));
    }

    public DtmCallbackController(ObjectProvider<Workflows> workflows, ObjectProvider<XaParticipant> xaParticipant,
            ObjectProvider<JdbcBarrier> barrier, ObjectProvider<RedisBarrier> redisBarrier, SignedCallbackGuard guard) {
        this.workflows = workflows;
        this.xaParticipant = xaParticipant;
        this.barrier = barrier;
        this.redisBarrier = redisBarrier;
        this.guard = guard;
    }

    /**
     * The coordinator resumes an unfinished workflow: {@code op} is the workflow's name.
     * The workflow runs with the data the coordinator stored for it, read back with
     * {@code /query}, never with the request's body: a caller can make a stored workflow
     * run again (it replays its recorded steps), not run one with its own data.
     */
    @RequestMapping(path = WORKFLOW_RESUME, method = { RequestMethod.GET, RequestMethod.POST })
    public ResponseEntity<Map<String, String>> resumeWorkflow(@RequestParam String gid, @RequestParam String op,
            HttpServletRequest request) {
        this.guard.requireSigned(request, "workflow resume");
        Workflows registry = require(this.workflows, "workflows");
        byte[] data = registry.storedData(op, gid);
        if (data == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("message", "the coordinator holds no unfinished workflow '" + op + "' with this gid"));
        }
        registry.execute(op, gid, data);
        return ResponseEntity.ok(SUCCESS);
    }

    @PostMapping(XA_PHASE2)
    public Map<String, String> xaPhase2(@RequestParam String gid, @RequestParam("branch_id") String branchId,
            @RequestParam String op, HttpServletRequest request) {
        this.guard.requireSigned(request, "xa phase 2");
        require(this.xaParticipant, "XA (needs a DataSource)").phase2(gid, branchId, op);
        return SUCCESS;
    }

    @GetMapping(MSG_QUERY_PREPARED)
    public Map<String, String> queryPrepared(@RequestParam String gid, HttpServletRequest request) {
        this.guard.requireSigned(request, "msg query-prepared");
        require(this.barrier, "the JDBC barrier (needs a DataSource)").queryPrepared(gid);
        return SUCCESS;
    }

    /** The back-check of a message whose local work was done with the Redis barrier. */
    @GetMapping(MSG_REDIS_QUERY_PREPARED)
    public Map<String, String> redisQueryPrepared(@RequestParam String gid, HttpServletRequest request) {
        this.guard.requireSigned(request, "msg redis-query-prepared");
        require(this.redisBarrier, "the Redis barrier (needs a RedisConnectionFactory)").queryPrepared(gid);
        return SUCCESS;
    }

    private static <T> T require(ObjectProvider<T> provider, String what) {
        T bean = provider.getIfAvailable();
        if (bean == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, what + " is not configured in this service");
        }
        return bean;
    }

}
