package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.BankController;
import io.dtm.samples.bank.TransReq;
import io.dtm.samples.transfer.TransferService;
import io.dtm.spring.client.DtmClient;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What an operator sees of one saga run through the sample: dtm's meters at
 * {@code /actuator/prometheus} under dtm's names, one trace across the initiator, the
 * embedded coordinator and the bank's branches (OpenTelemetry through Micrometer
 * Tracing), the gid in the MDC of the branch handlers' log lines, and the transaction
 * with its branches and trace id in the admin API the admin UI shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=false",
                "spring.datasource.url=jdbc:h2:mem:bank-tracing;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-tracing;DB_CLOSE_DELAY=-1",
                "management.tracing.sampling.probability=1.0" })
@AutoConfigureTracing
@AutoConfigureMetrics
class ObservedTransferTests {

    @Autowired
    Tracer tracer;

    @LocalServerPort
    int port;

    /**
     * Not a bean: Boot would also export to a SpanExporter bean through its batch
     * processor.
     */
    static final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @Autowired
    TransferService transfers;

    @Autowired
    DtmClient dtm;

    @Autowired
    Accounts accounts;

    private final ListAppender<ILoggingEvent> bankLog = new ListAppender<>();

    private final Logger bankLogger = (Logger) LoggerFactory.getLogger(BankController.class);

    private Level bankLevel;

    @BeforeEach
    void captureBankLog() {
        this.accounts.reset();
        this.bankLevel = this.bankLogger.getLevel();
        this.bankLogger.setLevel(Level.INFO);
        this.bankLog.start();
        this.bankLogger.addAppender(this.bankLog);
    }

    @AfterEach
    void releaseBankLog() {
        this.bankLogger.detachAppender(this.bankLog);
        this.bankLogger.setLevel(this.bankLevel);
    }

    @Test
    void aCompensatedSagaShowsInPrometheusInOneTraceInTheLogsByGidAndInTheAdmin() {
        Span initiator = this.tracer.nextSpan().name("transfer").start();
        try (Tracer.SpanInScope scope = this.tracer.withSpan(initiator)) {
            this.transfers.saga(TransReq.of(30).failingTransIn());
        }
        finally {
            initiator.end();
        }
        String gid = this.transfers.lastGid();
        String traceId = initiator.context().traceId();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> "failed".equals(this.dtm.query(gid).path("transaction").path("status").asString()));
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(branchServerSpans(traceId)).containsExactlyInAnyOrder("/api/bank/TransOut",
                    "/api/bank/TransIn", "/api/bank/TransInRevert", "/api/bank/TransOutRevert"));

        List<SpanData> trace = spansOf(traceId);
        Set<String> names = trace.stream().map(SpanData::getName).collect(Collectors.toSet());
        assertThat(names).contains("transfer", "dtm submit", "dtm pass", "dtm branch action", "dtm branch compensate");
        assertThat(trace).filteredOn((span) -> span.getName().equals("dtm pass"))
            .allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(initiator.context().spanId()));
        assertThat(spans.getFinishedSpanItems()).filteredOn((span) -> span.getName().startsWith("dtm "))
            .allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(traceId));

        List<ILoggingEvent> branchLines = this.bankLog.list.stream()
            .filter((event) -> gid.equals(event.getMDCPropertyMap().get("dtm.gid")))
            .toList();
        assertThat(branchLines).extracting(ILoggingEvent::getFormattedMessage)
            .contains("account updated")
            .anyMatch((line) -> line.startsWith("refused:"));
        assertThat(branchLines).extracting((event) -> event.getMDCPropertyMap().get("dtm.op"))
            .contains("action", "compensate");
        assertThat(branchLines)
            .allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("dtm.trans_type", "saga")
                .containsKey("dtm.branch_id"));

        String prometheus = get("/actuator/prometheus");
        assertThat(prometheus).contains("dtm_server_process_total{api=\"submit\"")
            .containsPattern("dtm_transaction_process_total\\{[^}]*model=\"saga\"[^}]*status=\"failed\"[^}]*} [1-9]")
            .containsPattern("dtm_branch_process_total\\{[^}]*branchtype=\"compensate\"[^}]*model=\"saga\"")
            .contains("dtm_transaction_handled_duration_seconds_count")
            .contains("dtm_client_transactions_total")
            .contains("dtm_client_barrier_total")
            .doesNotContain(gid);

        JsonNode admin = JsonMapper.shared().readTree(get("/api/admin/transaction?gid=" + gid));
        assertThat(admin.path("transaction").path("status").asString()).isEqualTo("failed");
        assertThat(admin.path("transaction").path("trace_id").asString()).isEqualTo(traceId);
        assertThat(admin.path("branches"))
            .extracting((branch) -> branch.path("branch_id").asString() + " " + branch.path("op").asString() + " "
                    + branch.path("status").asString())
            .containsExactlyInAnyOrder("01 action succeed", "01 compensate succeed", "02 action failed",
                    "02 compensate succeed");
        assertThat(get("/admin/")).contains("<html");
    }

    private String get(String path) {
        return RestClient.create("http://localhost:" + this.port).get().uri(path).retrieve().body(String.class);
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
    }

    /** The paths of the bank's server spans in the trace. */
    private List<String> branchServerSpans(String traceId) {
        return spansOf(traceId).stream()
            .map((span) -> span.getAttributes()
                .asMap()
                .entrySet()
                .stream()
                .filter((e) -> e.getKey().getKey().equals("uri") || e.getKey().getKey().equals("http.url"))
                .map((e) -> String.valueOf(e.getValue()))
                .filter((uri) -> uri.startsWith("/api/bank/"))
                .findFirst()
                .orElse(""))
            .filter((uri) -> !uri.isEmpty())
            .toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemorySpans {

        @Bean
        SpanProcessor inMemorySpanProcessor() {
            return SimpleSpanProcessor.create(spans);
        }

    }

}
