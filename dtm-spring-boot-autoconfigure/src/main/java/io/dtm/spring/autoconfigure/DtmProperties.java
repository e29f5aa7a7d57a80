package io.dtm.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.annotation.AdviceMode;

/**
 * Configuration of the dtm client.
 */
@ConfigurationProperties("dtm")
public class DtmProperties {

    /**
     * Whether the dtm client is on: false leaves out every bean of this module (client,
     * barrier, propagation, callback endpoints, annotation interceptors).
     */
    private boolean enabled = true;

    /**
     * Coordinator API base URL, e.g. http://localhost:36789/api/dtmsvr. Defaults to this
     * application's own embedded coordinator when dtm-coordinator-embedded is on the
     * classpath and dtm.coordinator.enabled=true, else to
     * http://localhost:36789/api/dtmsvr. Must be an http(s) URL ending with /api/dtmsvr.
     */
    private String server;

    /**
     * Base URL under which the coordinator reaches this service, e.g.
     * http://bank-out:8081. Derived from the local server port and context path when
     * absent.
     */
    private String callbackUrl;

    /**
     * Path under the callback URL where the built-in callback endpoints (workflow resume,
     * XA phase 2, msg back-check) are mapped.
     */
    private String callbackPath = "/dtm";

    /**
     * Default timeout after which a transaction started by this service fails (whole
     * seconds); unset leaves the coordinator's default.
     */
    private Duration timeoutToFail;

    /**
     * Default base retry interval of transactions started by this service (whole
     * seconds).
     */
    private Duration retryInterval;

    /**
     * Default timeout of each branch call the coordinator makes for transactions started
     * by this service.
     */
    private Duration requestTimeout;

    /**
     * Connect and read timeout of this client's own HTTP calls (coordinator and branches
     * it calls itself).
     */
    private Duration httpTimeout = Duration.ofSeconds(10);

    /**
     * Token of the coordinator's API authentication (dtm.coordinator.auth), sent as
     * "Authorization: Bearer" on every call this client makes to the coordinator at
     * dtm.server; never sent to branches, nor to a coordinator URL of another origin
     * taken from an inbound request. Needs the OPERATE role to start and join
     * transactions.
     */
    private String token;

    /**
     * Send the current trace context (traceparent, tracestate) on every call to the
     * coordinator and to the branches this client calls itself.
     */
    private boolean tracingEnabled = true;

    /**
     * The branch barrier.
     */
    private final Barrier barrier = new Barrier();

    /**
     * Coordinators besides dtm.server whose URL a caller may pass in the dtm query
     * parameter (where branches are registered); a dtm parameter naming any other URL is
     * ignored and dtm.server is used.
     */
    private List<String> trustedServers = new ArrayList<>();

    /**
     * Checking that calls come from the coordinator.
     */
    private final Callback callback = new Callback();

    /**
     * The annotations.
     */
    private final Annotations annotations = new Annotations();

    /**
     * The client's meters.
     */
    private final Metrics metrics = new Metrics();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getServer() {
        return this.server;
    }

    public void setServer(String server) {
        this.server = server;
    }

    public String getToken() {
        return this.token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public boolean isTracingEnabled() {
        return this.tracingEnabled;
    }

    public void setTracingEnabled(boolean tracingEnabled) {
        this.tracingEnabled = tracingEnabled;
    }

    public String getCallbackUrl() {
        return this.callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public String getCallbackPath() {
        return this.callbackPath;
    }

    public void setCallbackPath(String callbackPath) {
        this.callbackPath = callbackPath;
    }

    public Duration getTimeoutToFail() {
        return this.timeoutToFail;
    }

    public void setTimeoutToFail(Duration timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
    }

    public Duration getRetryInterval() {
        return this.retryInterval;
    }

    public void setRetryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getHttpTimeout() {
        return this.httpTimeout;
    }

    public void setHttpTimeout(Duration httpTimeout) {
        this.httpTimeout = httpTimeout;
    }

    public Barrier getBarrier() {
        return this.barrier;
    }

    public List<String> getTrustedServers() {
        return this.trustedServers;
    }

    public void setTrustedServers(List<String> trustedServers) {
        this.trustedServers = trustedServers;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }

    /**
     * Micrometer meters of the client and the branch barrier, when the application has a
     * MeterRegistry.
     */
    public static class Metrics {

        /** Record {@code dtm.client.transactions} and {@code dtm.client.barrier}. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

    public Callback getCallback() {
        return this.callback;
    }

    public Annotations getAnnotations() {
        return this.annotations;
    }

    /**
     * The annotations.
     */
    public static class Annotations {

        /**
         * How the annotations are applied: through Spring AOP proxies, or by dtm's
         * aspects woven into the application's classes by the AspectJ compiler or
         * load-time weaver (self-invoked methods included).
         */
        private AdviceMode mode = AdviceMode.PROXY;

        /**
         * Send a @DtmStep or @TccTry Feign call made outside its transaction
         * (no @GlobalSaga/@DtmMsg recording steps on the calling thread, no @GlobalTcc
         * bound), and run an @XaBranch handler called without any dtm transaction, as
         * plain calls. By default they fail with NoGlobalTransactionException, since
         * their action would run with no compensation.
         */
        private boolean plainCallsOutsideTransaction;

        /**
         * Record, for a @DtmStep or @TccTry Feign client declared by service name or an
         * lb:// URL, the URL of one instance chosen by Spring Cloud LoadBalancer when the
         * step is recorded, instead of the service URL (lb://name/path) that the
         * coordinator resolves at each call. For a coordinator without service discovery:
         * its retries and compensations then go to that one instance only.
         */
        private boolean recordInstanceUrls;

        public boolean isRecordInstanceUrls() {
            return this.recordInstanceUrls;
        }

        public void setRecordInstanceUrls(boolean recordInstanceUrls) {
            this.recordInstanceUrls = recordInstanceUrls;
        }

        public boolean isPlainCallsOutsideTransaction() {
            return this.plainCallsOutsideTransaction;
        }

        public void setPlainCallsOutsideTransaction(boolean plainCallsOutsideTransaction) {
            this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
        }

        public AdviceMode getMode() {
            return this.mode;
        }

        public void setMode(AdviceMode mode) {
            this.mode = mode;
        }

        /**
         * How long a @GlobalSaga or @DtmMsg method, once it returned, waits for the tasks
         * it handed to other threads with dtm's context (@Async methods, Spring Boot's
         * executors) before it sends its transaction. Past it, nothing is sent and the
         * caller gets UnfinishedStepTasksException naming the task.
         */
        private Duration asyncStepWait = Duration.ofSeconds(10);

        public Duration getAsyncStepWait() {
            return this.asyncStepWait;
        }

        public void setAsyncStepWait(Duration asyncStepWait) {
            this.asyncStepWait = asyncStepWait;
        }

    }

    /**
     * Checking that calls come from the coordinator (its Dtm-Signature header).
     */
    public static class Callback {

        /**
         * Shared secrets the coordinator signs its calls with
         * (dtm.coordinator.callback.signing-keys); every one is accepted, so the old and
         * the new key can both be listed while keys rotate. The first also signs the
         * calls this service makes to branches itself (TCC try, XA, workflow). When set,
         * the built-in endpoints (workflow resume, XA phase 2, msg back-checks) refuse
         * unsigned calls with 401. Empty: nothing is checked, as in dtm.
         */
        private List<String> secrets = new ArrayList<>();

        /**
         * Also refuse unsigned calls to the annotated participant handlers
         * (@DtmBarrier, @TccTry, @TccConfirm, @TccCancel, @XaBranch). Needs secrets.
         */
        private boolean verify;

        /**
         * How far a signature's time may be from this service's clock; a signature seen
         * again within it is a replay.
         */
        private Duration tolerance = Duration.ofMinutes(5);

        public List<String> getSecrets() {
            return this.secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        public boolean isVerify() {
            return this.verify;
        }

        public void setVerify(boolean verify) {
            this.verify = verify;
        }

        public Duration getTolerance() {
            return this.tolerance;
        }

        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

    }

    /**
     * The branch barrier's table (JDBC) and keys (Redis).
     */
    public static class Barrier {

        /**
         * Barrier table, [schema.]table.
         */
        private String table = "dtm_barrier.barrier";

        /**
         * When to create the barrier table (and its schema) at startup: always, embedded
         * (only when the DataSource is H2) or never (the user's migrations create it).
         */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        /**
         * Whether to check at startup that the barrier table exists, failing with the
         * statements that create it. Unset: checked when the application has barrier
         * handlers (@DtmBarrier, @TccTry, @TccConfirm, @TccCancel, @DtmMsg, @XaBranch). A
         * database that cannot be reached at startup is checked at the first barrier use.
         */
        private Boolean validateTable;

        /**
         * Expiry of the Redis barrier's keys.
         */
        private Duration redisExpire = Duration.ofDays(7);

        public String getTable() {
            return this.table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public DatabaseInitializationMode getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public Boolean getValidateTable() {
            return this.validateTable;
        }

        public void setValidateTable(Boolean validateTable) {
            this.validateTable = validateTable;
        }

        public Duration getRedisExpire() {
            return this.redisExpire;
        }

        public void setRedisExpire(Duration redisExpire) {
            this.redisExpire = redisExpire;
        }

    }

}
