package io.dtm.spring.annotation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.dtm.coordinator.engine.CallbackSigner;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.WorkflowOptions;
import io.dtm.spring.client.Workflows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing on end to end: the embedded coordinator signs with a new key and still lists the old one; bank-out is
 * mid-rotation (accepts the old and the new key), bank-in and the initiator know only the new key, and every service
 * verifies its annotated handlers too. Then the attacks on the built-in endpoints, refused.
 */
class SignedCallbackTests {

	static final String NEW_KEY = "new-signing-key-0123456789";

	static final String OLD_KEY = "old-signing-key-0123456789";

	private static World world;

	private final RestClient rest = RestClient.create();

	static final class World {

		final ConfigurableApplicationContext initiator;

		final ConfigurableApplicationContext bankOut;

		final ConfigurableApplicationContext bankIn;

		final String initiatorUrl;

		final String bankOutUrl;

		final String bankInUrl;

		World() {
			int initiatorPort = AnnotationWorld.freePort();
			int bankOutPort = AnnotationWorld.freePort();
			int bankInPort = AnnotationWorld.freePort();
			this.initiatorUrl = "http://localhost:" + initiatorPort;
			this.bankOutUrl = "http://localhost:" + bankOutPort;
			this.bankInUrl = "http://localhost:" + bankInPort;
			String server = this.initiatorUrl + "/api/dtmsvr";
			String[] banks = { "bank-out.url=" + this.bankOutUrl, "bank-in.url=" + this.bankInUrl,
					"bank-xa.url=http://localhost:1" };
			this.initiator = AnnotationWorld.start("signed-initiator", initiatorPort, banks,
					"dtm.coordinator.enabled=true", "dtm.coordinator.store.type=h2",
					"dtm.coordinator.store.url=jdbc:h2:mem:signed-dtm;DB_CLOSE_DELAY=-1",
					"dtm.coordinator.cron-interval=1s", "dtm.retry-interval=1s",
					"dtm.coordinator.callback.signing-keys[0]=" + NEW_KEY,
					"dtm.coordinator.callback.signing-keys[1]=" + OLD_KEY,
					"dtm.coordinator.callback.allowed-urls[0]=http://localhost:*/**",
					"dtm.callback.secrets[0]=" + NEW_KEY, "dtm.callback.verify=true");
			this.bankOut = AnnotationWorld.start("signed-bank-out", bankOutPort, banks, "dtm.server=" + server,
					"dtm.retry-interval=1s", "dtm.callback.secrets[0]=" + OLD_KEY,
					"dtm.callback.secrets[1]=" + NEW_KEY, "dtm.callback.verify=true");
			this.bankIn = AnnotationWorld.start("signed-bank-in", bankInPort, banks, "dtm.server=" + server,
					"dtm.retry-interval=1s", "dtm.callback.secrets[0]=" + NEW_KEY, "dtm.callback.verify=true");
		}

		void close() {
			this.bankIn.close();
			this.bankOut.close();
			this.initiator.close();
		}

	}

	private static synchronized World world() {
		if (world == null) {
			world = new World();
		}
		return world;
	}

	@AfterAll
	static void stop() {
		if (world != null) {
			world.close();
			world = null;
		}
	}

	private final World w = world();

	private final Transfers transfers = this.w.initiator.getBean(Transfers.class);

	private final DtmClient dtm = this.w.initiator.getBean(DtmClient.class);

	private static final AtomicInteger accounts = new AtomicInteger(5000);

	private int openAccount(ConfigurableApplicationContext service, long balance) {
		int id = accounts.incrementAndGet();
		service.getBean(JdbcTemplate.class)
			.update("INSERT INTO account (id, balance, frozen) VALUES (?, ?, 0)", id, balance);
		return id;
	}

	private long balance(ConfigurableApplicationContext service, int account) {
		return service.getBean(JdbcTemplate.class)
			.queryForObject("SELECT balance FROM account WHERE id = ?", Long.class, account);
	}

	private String status(String gid) {
		var transaction = this.dtm.query(gid).path("transaction");
		return transaction.isObject() ? transaction.path("status").asString("") : "";
	}

	private int barrierRows(ConfigurableApplicationContext service, String gid) {
		return service.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM dtm_barrier.barrier WHERE gid = ?", Integer.class, gid);
	}

	private ResponseEntity<String> post(String url, String body, String signature) {
		return this.rest.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> {
				if (signature != null) {
					h.set(CallbackSigner.HEADER, signature);
				}
			})
			.body(body)
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
				.body(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	private ResponseEntity<String> get(String url, String signature) {
		return this.rest.get().uri(url).headers((h) -> {
			if (signature != null) {
				h.set(CallbackSigner.HEADER, signature);
			}
		})
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
				.body(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	private static String coordinatorSignature(String method, String pathAndQuery, String body) {
		java.net.URI uri = java.net.URI.create(pathAndQuery);
		return new CallbackSigner(List.of(NEW_KEY), () -> System.currentTimeMillis() / 1000).sign(method,
				uri.getRawPath(), uri.getRawQuery(), body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void sagaRunsWithSignedCallsThroughARotatingParticipant() {
		int out = openAccount(this.w.bankOut, 100);
		int in = openAccount(this.w.bankIn, 0);
		AtomicReference<String> gid = new AtomicReference<>();
		this.transfers.saga(Transfer.of(out, 30), Transfer.of(in, 30), gid);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
		assertThat(balance(this.w.bankOut, out)).isEqualTo(70);
		assertThat(balance(this.w.bankIn, in)).isEqualTo(30);
	}

	@Test
	void tccTriesSignedByTheInitiatorAndConfirmsByTheCoordinator() {
		int out = openAccount(this.w.bankOut, 100);
		int in = openAccount(this.w.bankIn, 0);
		AtomicReference<String> gid = new AtomicReference<>();
		this.transfers.tcc(Transfer.of(out, 30), Transfer.of(in, 30), gid);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
		assertThat(balance(this.w.bankOut, out)).isEqualTo(70);
		assertThat(balance(this.w.bankIn, in)).isEqualTo(30);
	}

	@Test
	void msgStepsAndTheSignedBackCheckResolveACrashedInitiator() {
		int in = openAccount(this.w.bankIn, 0);
		AtomicReference<String> gid = new AtomicReference<>();
		int local = openAccount(this.w.initiator, 100);
		this.transfers.msg(local, Transfer.of(in, 40), gid);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
		assertThat(balance(this.w.bankIn, in)).isEqualTo(40);

		// prepared, local work committed, then the initiator "dies": only the coordinator's back-check can finish it
		String crashed = this.dtm.newGid();
		Msg msg = this.dtm.msg(crashed)
			.add(this.w.bankInUrl + "/bank/deposit", Transfer.of(in, 25))
			.timeoutToFail(Duration.ofSeconds(1));
		msg.prepare(this.w.initiatorUrl + "/dtm/msg/query-prepared");
		DataSource db = this.w.initiator.getBean(DataSource.class);
		this.w.initiator.getBean(JdbcBarrier.class)
			.call(BranchBarrier.of("msg", crashed, "00", "msg"), db, (jdbc) -> jdbc.queryForObject("SELECT 1", Integer.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> status(crashed), "succeed"::equals);
		assertThat(balance(this.w.bankIn, in)).isEqualTo(65);
	}

	@Test
	void aWorkflowIsResumedBySignedCallWithItsStoredData() {
		Workflows workflows = this.w.initiator.getBean(Workflows.class);
		int out = openAccount(this.w.bankOut, 100);
		AtomicInteger crashes = new AtomicInteger(1);
		AtomicReference<String> seen = new AtomicReference<>();
		String name = "signed-resume-" + out;
		workflows.register(name, Transfer.class, (wf, transfer) -> {
			seen.set(transfer.account() + ":" + transfer.amount());
			wf.newBranch();
			wf.callBranch(this.w.bankOutUrl + "/bank/withdraw", transfer);
			if (crashes.getAndDecrement() > 0) {
				throw new IllegalStateException("process died");
			}
			return "done";
		}, new WorkflowOptions().timeoutToFail(Duration.ofSeconds(2)).retryInterval(Duration.ofSeconds(1)));
		String gid = this.dtm.newGid();
		try {
			workflows.execute(name, gid, Transfer.of(out, 20));
		}
		catch (IllegalStateException expected) {
			// the crash
		}
		seen.set(null);
		await().atMost(Duration.ofSeconds(40)).until(() -> status(gid), "succeed"::equals);
		assertThat(seen.get()).isEqualTo(out + ":20");
		assertThat(balance(this.w.bankOut, out)).isEqualTo(80);
	}

	@Test
	void anUnsignedResumeIsRefusedAndRunsNothing() {
		Workflows workflows = this.w.initiator.getBean(Workflows.class);
		int out = openAccount(this.w.bankOut, 10_000);
		AtomicInteger runs = new AtomicInteger();
		String name = "steal-" + out;
		workflows.register(name, Transfer.class, (wf, transfer) -> {
			runs.incrementAndGet();
			return null;
		});
		String gid = "attacker-" + out;
		String url = this.w.initiatorUrl + "/dtm/workflow/resume?gid=" + gid + "&trans_type=workflow&branch_id=00&op="
				+ name;
		String body = "{\"account\":" + out + ",\"amount\":5000}";
		ResponseEntity<String> reply = post(url, body, null);
		assertThat(reply.getStatusCode().value()).isEqualTo(401);
		assertThat(reply.getBody()).contains("\"message\"").contains("not signed");
		// a valid signature does not help a gid the coordinator holds no workflow for: the body is never used
		String path = url.substring(this.w.initiatorUrl.length());
		assertThat(post(url, body, coordinatorSignature("POST", path, body)).getStatusCode().value()).isEqualTo(404);
		assertThat(runs).hasValue(0);
		assertThat(status(gid)).isEmpty();
	}

	@Test
	void anUnsignedXaRollbackIsRefusedAndChangesNothing() {
		String gid = this.dtm.newGid();
		ResponseEntity<String> reply = post(
				this.w.bankOutUrl + "/dtm/xa/phase2?gid=" + gid + "&trans_type=xa&branch_id=01&op=rollback", "", null);
		assertThat(reply.getStatusCode().value()).isEqualTo(401);
		assertThat(barrierRows(this.w.bankOut, gid)).isZero();
	}

	@Test
	void anUnsignedQueryPreparedCannotBlockAFutureMessage() {
		String gid = this.dtm.newGid();
		ResponseEntity<String> reply = get(
				this.w.initiatorUrl + "/dtm/msg/query-prepared?gid=" + gid + "&trans_type=msg&branch_id=00&op=msg", null);
		assertThat(reply.getStatusCode().value()).isEqualTo(401);
		assertThat(barrierRows(this.w.initiator, gid)).isZero();
	}

	@Test
	void aReplayedSignedCallIsRefused() {
		int in = openAccount(this.w.bankIn, 0);
		AtomicReference<String> gid = new AtomicReference<>();
		this.transfers.msg(openAccount(this.w.initiator, 100), Transfer.of(in, 1), gid);
		String path = "/dtm/msg/query-prepared?gid=" + gid.get() + "&trans_type=msg&branch_id=00&op=msg";
		String signature = coordinatorSignature("GET", path, "");
		assertThat(get(this.w.initiatorUrl + path, signature).getStatusCode().value()).isEqualTo(200);
		ResponseEntity<String> replay = get(this.w.initiatorUrl + path, signature);
		assertThat(replay.getStatusCode().value()).isEqualTo(401);
		assertThat(replay.getBody()).contains("replay");
	}

	@Test
	void anUnsignedCallToAVerifiedHandlerIsRefusedAndRunsNothing() {
		int out = openAccount(this.w.bankOut, 100);
		String url = this.w.bankOutUrl + "/bank/withdraw?gid=forged-" + out + "&trans_type=saga&branch_id=01&op=action";
		String body = "{\"account\":" + out + ",\"amount\":100,\"fail\":null,\"next\":0}";
		ResponseEntity<String> unsigned = post(url, body, null);
		assertThat(unsigned.getStatusCode().value()).as(unsigned.getBody()).isEqualTo(401);
		// signed, but for another body
		String path = url.substring(this.w.bankOutUrl.length());
		assertThat(post(url, body, coordinatorSignature("POST", path, "{\"account\":1,\"amount\":1}"))
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(balance(this.w.bankOut, out)).isEqualTo(100);
		assertThat(barrierRows(this.w.bankOut, "forged-" + out)).isZero();
	}

}
