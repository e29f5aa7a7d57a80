package io.dtm.coordinator.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the coordinator, dtm's defaults; environment variables such as
 * DTM_COORDINATOR_STORE_TYPE work too.
 */
@ConfigurationProperties("dtm.coordinator")
public class DtmCoordinatorProperties {

    /**
     * Serve the coordinator from this application (the standalone coordinator sets it to
     * true).
     */
    private boolean enabled = false;

    /**
     * Base retry interval, and how far the recovery poller pushes a transaction it
     * claims.
     */
    private Duration retryInterval = Duration.ofSeconds(10);

    /**
     * The longest the retry interval of a failing transaction doubles to (a transaction
     * whose own retry interval is longer keeps that): after a participant's outage its
     * transactions are retried within this long of its return.
     */
    private Duration maxRetryInterval = Duration.ofMinutes(1);

    /**
     * Default timeout of tcc, xa, msg and workflow transactions; saga has none unless it
     * sets one.
     */
    private Duration timeoutToFail = Duration.ofSeconds(35);

    /** Timeout of each call to a branch, unless the transaction sets request_timeout. */
    private Duration requestTimeout = Duration.ofSeconds(3);

    /** Idle sleep of the recovery poller when no transaction is due. */
    private Duration cronInterval = Duration.ofSeconds(3);

    /**
     * Slack added to a processing pass's hold on a transaction, beyond the time its
     * branch calls can take: covers the store writes at the end of the pass and the clock
     * difference between replicas (keep their clocks within it).
     */
    private Duration claimMargin = Duration.ofSeconds(2);

    /** Run the recovery poller (retries, timeouts, crash recovery). */
    private boolean cronEnabled = true;

    /**
     * Keep the initiator's W3C trace context with each transaction and send every branch
     * call a child of it (and record spans, when the application has Micrometer Tracing).
     */
    private boolean tracingEnabled = true;

    /** Due transactions the recovery poller processes at once on this replica. */
    private int cronConcurrency = 8;

    /** URL that receives a POST when a transaction keeps failing. */
    private String alertWebhook = "";

    /** Backoff rounds after which the alert webhook is called. */
    private int alertRetryLimit = 3;

    /** Threads that process submitted transactions in the background. */
    private int processThreads = 32;

    /**
     * Submitted transactions waiting for a processing thread; beyond it the recovery
     * poller takes them.
     */
    private int processQueueCapacity = 10_000;

    /** Threads that call branches concurrently (concurrent saga and msg). */
    private int branchThreads = 64;

    /** Where transactions are kept. */
    private final Store store = new Store();

    /** Caps on what one API request may carry. */
    private final Limits limits = new Limits();

    /** Bearer-token authentication of the API. */
    private final Auth auth = new Auth();

    /** What the API accepts from browsers and which host names it answers to. */
    private final Web web = new Web();

    /** The coordinator's calls to branches. */
    private final Callback callback = new Callback();

    private final Metrics metrics = new Metrics();

    private final Health health = new Health();

    /** Deleting finished transactions from the SQL stores. */
    private final Retention retention = new Retention();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Duration getMaxRetryInterval() {
        return maxRetryInterval;
    }

    public void setMaxRetryInterval(Duration maxRetryInterval) {
        this.maxRetryInterval = maxRetryInterval;
    }

    public Duration getTimeoutToFail() {
        return timeoutToFail;
    }

    public void setTimeoutToFail(Duration timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getCronInterval() {
        return cronInterval;
    }

    public void setCronInterval(Duration cronInterval) {
        this.cronInterval = cronInterval;
    }

    public Duration getClaimMargin() {
        return claimMargin;
    }

    public void setClaimMargin(Duration claimMargin) {
        this.claimMargin = claimMargin;
    }

    public boolean isCronEnabled() {
        return cronEnabled;
    }

    public void setCronEnabled(boolean cronEnabled) {
        this.cronEnabled = cronEnabled;
    }

    public boolean isTracingEnabled() {
        return tracingEnabled;
    }

    public void setTracingEnabled(boolean tracingEnabled) {
        this.tracingEnabled = tracingEnabled;
    }

    public int getCronConcurrency() {
        return cronConcurrency;
    }

    public void setCronConcurrency(int cronConcurrency) {
        this.cronConcurrency = cronConcurrency;
    }

    public String getAlertWebhook() {
        return alertWebhook;
    }

    public void setAlertWebhook(String alertWebhook) {
        this.alertWebhook = alertWebhook;
    }

    public int getAlertRetryLimit() {
        return alertRetryLimit;
    }

    public void setAlertRetryLimit(int alertRetryLimit) {
        this.alertRetryLimit = alertRetryLimit;
    }

    public int getProcessThreads() {
        return processThreads;
    }

    public void setProcessThreads(int processThreads) {
        this.processThreads = processThreads;
    }

    public int getProcessQueueCapacity() {
        return processQueueCapacity;
    }

    public void setProcessQueueCapacity(int processQueueCapacity) {
        this.processQueueCapacity = processQueueCapacity;
    }

    /**
     * Connections of the branch caller's HTTP client: one for each branch and process
     * thread, and 200 for the recovery poller's passes and the API's synchronous ones.
     */
    public int branchConnections() {
        return branchThreads + processThreads + 200;
    }

    public int getBranchThreads() {
        return branchThreads;
    }

    public void setBranchThreads(int branchThreads) {
        this.branchThreads = branchThreads;
    }

    public Store getStore() {
        return store;
    }

    public Limits getLimits() {
        return limits;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Retention getRetention() {
        return retention;
    }

    public Health getHealth() {
        return health;
    }

    /**
     * Micrometer meters of the coordinator, when the application has a MeterRegistry. See
     * docs/operations.md.
     */
    public static class Metrics {

        /**
         * Record the coordinator's meters (API, transactions, branch calls, poller,
         * store).
         */
        private boolean enabled = true;

        /**
         * How often the gauge of unfinished transactions by status and mode is refreshed
         * from the store (one grouped count query).
         */
        private Duration unfinishedRefreshInterval = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getUnfinishedRefreshInterval() {
            return unfinishedRefreshInterval;
        }

        public void setUnfinishedRefreshInterval(Duration unfinishedRefreshInterval) {
            this.unfinishedRefreshInterval = unfinishedRefreshInterval;
        }

    }

    /** The coordinator's health contributors {@code dtmStore} and {@code dtmPoller}. */
    /**
     * Deletes finished transactions, globals with their branches, some time after they
     * finished. For the SQL stores; Redis expires finished transactions on its own
     * ({@code store.redis.finished-data-expire}).
     */
    public static class Retention {

        /** Delete finished transactions from the SQL stores. */
        private boolean enabled = false;

        /** How long a finished transaction is kept after it finished. */
        private Duration finishedAge = Duration.ofDays(7);

        /** How often a replica looks for finished transactions to delete. */
        private Duration interval = Duration.ofMinutes(1);

        /** Transactions deleted per store transaction. */
        private int batchSize = 500;

        /**
         * Batches one look deletes at most; the rest waits for the next interval, so a
         * large backlog is worked off in steps.
         */
        private int maxBatches = 100;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getFinishedAge() {
            return finishedAge;
        }

        public void setFinishedAge(Duration finishedAge) {
            this.finishedAge = finishedAge;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getMaxBatches() {
            return maxBatches;
        }

        public void setMaxBatches(int maxBatches) {
            this.maxBatches = maxBatches;
        }

    }

    public static class Health {

        /**
         * The poller is reported down when it tried no claim for this many cron
         * intervals, or, while a claim or a pass is under way, for that plus the longest
         * a pass can take; and whenever its loop has died.
         */
        private int pollerMissedIntervals = 3;

        public int getPollerMissedIntervals() {
            return pollerMissedIntervals;
        }

        public void setPollerMissedIntervals(int pollerMissedIntervals) {
            this.pollerMissedIntervals = pollerMissedIntervals;
        }

    }

    /**
     * Caps on what one API request (HTTP or JSON-RPC) may carry; a request over a cap is
     * refused whole and stores nothing. See docs/security.md.
     */
    public static class Limits {

        /** Largest request body; a larger one gets 413 before it is parsed. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /** Most steps of one saga or msg transaction. */
        private int maxSteps = 1000;

        /**
         * Largest body of one branch (a step's payload, a registered branch's data); at
         * most 65535 bytes, the {@code bin_data} BLOB of dtm's MySQL schema.
         */
        private DataSize maxStepPayloadSize = DataSize.ofBytes(65535);

        /**
         * Time allowed to receive a whole request body. Bodies are read without holding a
         * request thread, so slow senders cannot starve the API; one slower than this
         * gets 408.
         */
        private Duration bodyReadTimeout = Duration.ofSeconds(10);

        /**
         * Most URLs subscribed to one msg topic; each is a branch of every message sent
         * to the topic.
         */
        private int maxSubscribersPerTopic = 100;

        /**
         * Most branch rows of one transaction: a saga's or msg's steps after topic
         * fan-out (a saga step is 2 rows), or the rows registered to a TCC, XA or
         * workflow transaction (2 per TCC or XA branch).
         */
        private int maxBranches = 2000;

        /**
         * Most branch data of one transaction, summed over its branch rows (a payload
         * fanned out to every subscriber of a topic counts once per subscriber).
         */
        private DataSize maxTransactionSize = DataSize.ofMegabytes(8);

        /**
         * Most request body bytes held in memory at once across all requests being
         * received or processed; a request that would go over gets 503.
         */
        private DataSize maxBufferedBytes = DataSize.ofMegabytes(64);

        /**
         * Time allowed to receive a request's line and headers, from their first byte: a
         * connection whose headers are still incomplete then is closed, however steadily
         * they trickle in. Applies to every connection of the embedded Tomcat.
         */
        private Duration headerReadTimeout = Duration.ofSeconds(10);

        /**
         * The most of a branch's reply the coordinator reads (dtm's rules look for
         * SUCCESS, FAILURE or ONGOING in it). A longer reply is an error, retried with
         * backoff, and its connection is closed unread.
         */
        private DataSize maxReplyBytes = DataSize.ofKilobytes(64);

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public int getMaxSteps() {
            return maxSteps;
        }

        public void setMaxSteps(int maxSteps) {
            this.maxSteps = maxSteps;
        }

        public DataSize getMaxStepPayloadSize() {
            return maxStepPayloadSize;
        }

        public void setMaxStepPayloadSize(DataSize maxStepPayloadSize) {
            this.maxStepPayloadSize = maxStepPayloadSize;
        }

        public Duration getBodyReadTimeout() {
            return bodyReadTimeout;
        }

        public void setBodyReadTimeout(Duration bodyReadTimeout) {
            this.bodyReadTimeout = bodyReadTimeout;
        }

        public int getMaxSubscribersPerTopic() {
            return maxSubscribersPerTopic;
        }

        public void setMaxSubscribersPerTopic(int maxSubscribersPerTopic) {
            this.maxSubscribersPerTopic = maxSubscribersPerTopic;
        }

        public int getMaxBranches() {
            return maxBranches;
        }

        public void setMaxBranches(int maxBranches) {
            this.maxBranches = maxBranches;
        }

        public DataSize getMaxTransactionSize() {
            return maxTransactionSize;
        }

        public void setMaxTransactionSize(DataSize maxTransactionSize) {
            this.maxTransactionSize = maxTransactionSize;
        }

        public DataSize getMaxBufferedBytes() {
            return maxBufferedBytes;
        }

        public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
        }

        public Duration getHeaderReadTimeout() {
            return headerReadTimeout;
        }

        public void setHeaderReadTimeout(Duration headerReadTimeout) {
            this.headerReadTimeout = headerReadTimeout;
        }

        public DataSize getMaxReplyBytes() {
            return maxReplyBytes;
        }

        public void setMaxReplyBytes(DataSize maxReplyBytes) {
            this.maxReplyBytes = maxReplyBytes;
        }

    }

    public Auth getAuth() {
        return auth;
    }

    public Web getWeb() {
        return web;
    }

    /**
     * What the API ({@code /api/dtmsvr/**}, {@code /api/json-rpc}, {@code /api/admin/**})
     * accepts from browsers and which host names it answers to. See docs/security.md.
     */
    public static class Web {

        /**
         * Host names (or IP addresses) a request may name in its Host header, besides
         * localhost, 127.0.0.1 and [::1]; ports are ignored; {@code *} allows any. When
         * empty, only the loopback names are allowed while authentication is off, and any
         * name while it is on.
         */
        private List<String> allowedHosts = new ArrayList<>();

        public List<String> getAllowedHosts() {
            return allowedHosts;
        }

        public void setAllowedHosts(List<String> allowedHosts) {
            this.allowedHosts = allowedHosts;
        }

    }

    /**
     * Bearer-token authentication of the API ({@code /api/dtmsvr/**},
     * {@code /api/json-rpc}, {@code /admin/**}).
     */
    public static class Auth {

        /**
         * Require {@code Authorization: Bearer <token>} on the API, JSON-RPC and admin
         * routes ({@code /api/ping} stays open). Off by default, as dtm's server, so
         * dtm's SDKs work unchanged.
         */
        private boolean enabled = false;

        /**
         * The accepted tokens, each with a role; list several to rotate a token without
         * downtime.
         */
        private List<Token> tokens = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<Token> getTokens() {
            return tokens;
        }

        public void setTokens(List<Token> tokens) {
            this.tokens = tokens;
        }

    }

    /**
     * One accepted token: exactly one of {@code token} and {@code token-sha256}, and a
     * role.
     */
    public static class Token {

        /** The token as clients send it. */
        private @Nullable String token;

        /**
         * The hex SHA-256 of the token (e.g. {@code printf %s "$TOKEN" | sha256sum}), to
         * keep it out of config.
         */
        private String tokenSha256;

        /**
         * READ (query, all, queryKV, scanKV, newGid, version) or OPERATE (everything,
         * including prepare, submit, abort, registerBranch, forceStop, the cron resets
         * and topics).
         */
        private @Nullable String role;

        /**
         * Gid prefixes this token may act on or read; empty means every gid. A token with
         * prefixes may only call the routes that name a gid (and newGid, version).
         */
        private List<String> gidPrefixes = new ArrayList<>();

        public @Nullable String getToken() {
            return token;
        }

        public void setToken(@Nullable String token) {
            this.token = token;
        }

        public String getTokenSha256() {
            return tokenSha256;
        }

        public void setTokenSha256(String tokenSha256) {
            this.tokenSha256 = tokenSha256;
        }

        public @Nullable String getRole() {
            return role;
        }

        public void setRole(@Nullable String role) {
            this.role = role;
        }

        public List<String> getGidPrefixes() {
            return gidPrefixes;
        }

        public void setGidPrefixes(List<String> gidPrefixes) {
            this.gidPrefixes = gidPrefixes;
        }

        @Override
        public String toString() {
            // never the token: this object may end up in logs or actuator output
            return "Token[role=" + role + ", gidPrefixes=" + gidPrefixes + "]";
        }

    }

    public Callback getCallback() {
        return callback;
    }

    /** The coordinator's calls to branches, back-checks and workflow resumes. */
    public static class Callback {

        /**
         * Shared secrets that sign every call to a branch (header Dtm-Signature,
         * HMAC-SHA256 over method, path, query, body and time). The first signs; list the
         * next key first and the old one after it while participants rotate. Empty: calls
         * are not signed, as in dtm.
         */
        private List<String> signingKeys = new ArrayList<>();

        /**
         * Patterns of the URLs the coordinator may call, e.g.
         * {@code https://*.svc.cluster.local/**} or {@code http://bank:8081/api/**}; a
         * URL matching none is refused at submit and never called. Empty: every URL is
         * allowed, as in dtm. Link-local and cloud metadata addresses are refused unless
         * a pattern names the host literally.
         */
        private List<String> allowedUrls = new ArrayList<>();

        public List<String> getSigningKeys() {
            return signingKeys;
        }

        public void setSigningKeys(List<String> signingKeys) {
            this.signingKeys = signingKeys;
        }

        public List<String> getAllowedUrls() {
            return allowedUrls;
        }

        public void setAllowedUrls(List<String> allowedUrls) {
            this.allowedUrls = allowedUrls;
        }

    }

    /**
     * Where transactions are kept: {@code type} picks the store, {@code jdbc.*} and
     * {@code redis.*} configure it. The flat keys of earlier versions ({@code store.url},
     * {@code store.username}, ...) still work, each where its replacement is not set.
     */
    public static class Store {

        /** h2, mysql (also MariaDB), postgres or redis. */
        private String type = "h2";

        /** The SQL stores: h2, mysql and postgres. */
        private final Jdbc jdbc = new Jdbc();

        /** The Redis store. */
        private final Redis redis = new Redis();

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public Jdbc getJdbc() {
            return jdbc;
        }

        public Redis getRedis() {
            return redis;
        }

        private boolean isRedis() {
            return "redis".equalsIgnoreCase(type);
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.jdbc.url",
                reason = "Replaced by dtm.coordinator.store.jdbc.url, or dtm.coordinator.store.redis.url for redis",
                since = "0.1.0")
        public @Nullable String getUrl() {
            return isRedis() ? redis.getUrl() : jdbc.getUrl();
        }

        @Deprecated(since = "0.1.0")
        public void setUrl(@Nullable String url) {
            jdbc.url = jdbc.url == null ? url : jdbc.url;
            redis.url = redis.url == null ? url : redis.url;
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.jdbc.username",
                reason = "Replaced by dtm.coordinator.store.jdbc.username, or dtm.coordinator.store.redis.username "
                        + "for redis",
                since = "0.1.0")
        public @Nullable String getUsername() {
            return isRedis() ? redis.getUsername() : jdbc.getUsername();
        }

        @Deprecated(since = "0.1.0")
        public void setUsername(@Nullable String username) {
            jdbc.username = jdbc.username == null ? username : jdbc.username;
            redis.username = redis.username == null ? username : redis.username;
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.jdbc.password",
                reason = "Replaced by dtm.coordinator.store.jdbc.password, or dtm.coordinator.store.redis.password "
                        + "for redis",
                since = "0.1.0")
        public @Nullable String getPassword() {
            return isRedis() ? redis.getPassword() : jdbc.getPassword();
        }

        @Deprecated(since = "0.1.0")
        public void setPassword(@Nullable String password) {
            jdbc.password = jdbc.password == null ? password : jdbc.password;
            redis.password = redis.password == null ? password : redis.password;
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.jdbc.initialize-schema", since = "0.1.0")
        public DatabaseInitializationMode getInitializeSchema() {
            return jdbc.getInitializeSchema();
        }

        @Deprecated(since = "0.1.0")
        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            if (jdbc.initializeSchema == Jdbc.DEFAULT_INITIALIZE_SCHEMA) {
                jdbc.initializeSchema = initializeSchema;
            }
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.jdbc.max-pool-size", since = "0.1.0")
        public int getMaxPoolSize() {
            return jdbc.getMaxPoolSize();
        }

        @Deprecated(since = "0.1.0")
        public void setMaxPoolSize(int maxPoolSize) {
            if (jdbc.maxPoolSize == Jdbc.DEFAULT_MAX_POOL_SIZE) {
                jdbc.maxPoolSize = maxPoolSize;
            }
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.redis.prefix", since = "0.1.0")
        public String getRedisPrefix() {
            return redis.getPrefix();
        }

        @Deprecated(since = "0.1.0")
        public void setRedisPrefix(String redisPrefix) {
            if (Redis.DEFAULT_PREFIX.equals(redis.prefix)) {
                redis.prefix = redisPrefix;
            }
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.redis.data-expire", since = "0.1.0")
        public Duration getDataExpire() {
            return redis.getDataExpire();
        }

        @Deprecated(since = "0.1.0")
        public void setDataExpire(Duration dataExpire) {
            if (Redis.DEFAULT_DATA_EXPIRE.equals(redis.dataExpire)) {
                redis.dataExpire = dataExpire;
            }
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "dtm.coordinator.store.redis.finished-data-expire",
                since = "0.1.0")
        public Duration getFinishedDataExpire() {
            return redis.getFinishedDataExpire();
        }

        @Deprecated(since = "0.1.0")
        public void setFinishedDataExpire(Duration finishedDataExpire) {
            if (Redis.DEFAULT_FINISHED_DATA_EXPIRE.equals(redis.finishedDataExpire)) {
                redis.finishedDataExpire = finishedDataExpire;
            }
        }

    }

    /** The SQL stores, each on a connection pool of its own. */
    public static class Jdbc {

        static final int DEFAULT_MAX_POOL_SIZE = 32;

        static final DatabaseInitializationMode DEFAULT_INITIALIZE_SCHEMA = DatabaseInitializationMode.EMBEDDED;

        /**
         * JDBC URL of the store, e.g. jdbc:mariadb://127.0.0.1:3306/dtm,
         * jdbc:postgresql://127.0.0.1:5432/dtm or jdbc:h2:file:~/.dtm/coordinator/bank.
         * Required for mysql and postgres; for h2 without one, default-h2 says where the
         * store lives.
         */
        private @Nullable String url;

        /**
         * Where an h2 store without a url lives: memory (transactions in flight are lost
         * on restart; the default of an application that embeds the coordinator) or file
         * (${user.home}/.dtm/coordinator/<spring.application.name>.mv.db, kept across
         * restarts; the standalone coordinator's default).
         */
        private DefaultH2 defaultH2 = DefaultH2.MEMORY;

        /** Login username of the database. */
        private @Nullable String username;

        /** Login password of the database. */
        private @Nullable String password;

        /** Maximum connections of the store's own pool. */
        private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;

        /**
         * When to create the coordinator's tables at startup: always, embedded (only when
         * the store is H2) or never (the tables must exist).
         */
        private DatabaseInitializationMode initializeSchema = DEFAULT_INITIALIZE_SCHEMA;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public int getMaxPoolSize() {
            return maxPoolSize;
        }

        public void setMaxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
        }

        public DatabaseInitializationMode getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public DefaultH2 getDefaultH2() {
            return defaultH2;
        }

        public void setDefaultH2(DefaultH2 defaultH2) {
            this.defaultH2 = defaultH2;
        }

    }

    /** Where an H2 store without a URL lives. */
    public enum DefaultH2 {

        /** A database in memory, gone when the application stops. */
        MEMORY,

        /**
         * A file under {@code ${user.home}/.dtm/coordinator}, named after
         * {@code spring.application.name}.
         */
        FILE

    }

    /** The Redis store: dtm's key layout, one Lua script per change. */
    public static class Redis {

        static final String DEFAULT_PREFIX = "{a}";

        static final Duration DEFAULT_DATA_EXPIRE = Duration.ofDays(7);

        static final Duration DEFAULT_FINISHED_DATA_EXPIRE = Duration.ofDays(1);

        /**
         * redis://host:port of a single node, or a comma-separated list of the nodes of a
         * cluster. Defaults to redis://127.0.0.1:6379.
         */
        private @Nullable String url;

        /** Login username (Redis ACL); needs a password. */
        private @Nullable String username;

        /** Login password. */
        private @Nullable String password;

        /** Prefix of every key; the braces make every key hash to one cluster slot. */
        private String prefix = DEFAULT_PREFIX;

        /** How long an unfinished transaction is kept. */
        private Duration dataExpire = DEFAULT_DATA_EXPIRE;

        /** How long a finished transaction is kept. */
        private Duration finishedDataExpire = DEFAULT_FINISHED_DATA_EXPIRE;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public Duration getDataExpire() {
            return dataExpire;
        }

        public void setDataExpire(Duration dataExpire) {
            this.dataExpire = dataExpire;
        }

        public Duration getFinishedDataExpire() {
            return finishedDataExpire;
        }

        public void setFinishedDataExpire(Duration finishedDataExpire) {
            this.finishedDataExpire = finishedDataExpire;
        }

    }

}
