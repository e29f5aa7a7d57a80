package io.dtm.spring.web;

import java.util.Map;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.Dtm;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.client.XaParticipant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Endpoints the coordinator calls back on this service: the workflow resume, XA phase 2 and the msg
 * back-checks on the default DataSource and on Redis. Mapped under {@code dtm.callback-path} ({@code /dtm} by default).
 */
@RestController
@RequestMapping("${dtm.callback-path:/dtm}")
public class DtmCallbackController {

	public static final String WORKFLOW_RESUME = "/workflow/resume";

	public static final String XA_PHASE2 = "/xa/phase2";

	public static final String MSG_QUERY_PREPARED = "/msg/query-prepared";

	public static final String MSG_REDIS_QUERY_PREPARED = "/msg/redis-query-prepared";

	private static final Map<String, String> SUCCESS = Map.of("dtm_result", Dtm.SUCCESS);

	private final ObjectProvider<Workflows> workflows;

	private final ObjectProvider<XaParticipant> xaParticipant;

	private final ObjectProvider<JdbcBarrier> barrier;

	private final ObjectProvider<RedisBarrier> redisBarrier;

	public DtmCallbackController(ObjectProvider<Workflows> workflows, ObjectProvider<XaParticipant> xaParticipant,
			ObjectProvider<JdbcBarrier> barrier, ObjectProvider<RedisBarrier> redisBarrier) {
		this.workflows = workflows;
		this.xaParticipant = xaParticipant;
		this.barrier = barrier;
		this.redisBarrier = redisBarrier;
	}

	/**
	 * The coordinator resumes an unfinished workflow: {@code op} is the workflow's name and the body its data
	 * (a GET when the data is empty).
	 */
	@RequestMapping(path = WORKFLOW_RESUME, method = { RequestMethod.GET, RequestMethod.POST })
	public Map<String, String> resumeWorkflow(@RequestParam String gid, @RequestParam String op,
			@RequestBody(required = false) byte[] data) {
		Workflows registry = require(this.workflows, "workflows");
		registry.execute(op, gid, (data != null) ? data : new byte[0]);
		return SUCCESS;
	}

	@PostMapping(XA_PHASE2)
	public Map<String, String> xaPhase2(@RequestParam String gid, @RequestParam("branch_id") String branchId,
			@RequestParam String op) {
		require(this.xaParticipant, "XA (needs a DataSource)").phase2(gid, branchId, op);
		return SUCCESS;
	}

	@GetMapping(MSG_QUERY_PREPARED)
	public Map<String, String> queryPrepared(@RequestParam String gid) {
		require(this.barrier, "the JDBC barrier (needs a DataSource)").queryPrepared(gid);
		return SUCCESS;
	}

	/** The back-check of a message whose local work was done with the Redis barrier. */
	@GetMapping(MSG_REDIS_QUERY_PREPARED)
	public Map<String, String> redisQueryPrepared(@RequestParam String gid) {
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
