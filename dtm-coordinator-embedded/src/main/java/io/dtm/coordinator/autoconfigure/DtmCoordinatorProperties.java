package io.dtm.coordinator.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the coordinator, dtm's defaults; environment variables such as DTM_COORDINATOR_STORE_TYPE work too. */
@ConfigurationProperties("dtm.coordinator")
public class DtmCoordinatorProperties {

    /** Serve the coordinator from this application (the standalone coordinator sets it to true). */
    private boolean enabled = false;

    /** Base retry interval, and how far the recovery poller pushes a transaction it claims. */
    private Duration retryInterval = Duration.ofSeconds(10);

    /** Default timeout of tcc, xa, msg and workflow transactions; saga has none unless it sets one. */
    private Duration timeoutToFail = Duration.ofSeconds(35);

    /** Timeout of each call to a branch, unless the transaction sets request_timeout. */
    private Duration requestTimeout = Duration.ofSeconds(3);

    /** Idle sleep of the recovery poller when no transaction is due. */
    private Duration cronInterval = Duration.ofSeconds(3);

    /**
     * Slack added to a processing pass's hold on a transaction, beyond the time its branch calls can take: covers the
     * store writes at the end of the pass and the clock difference between replicas (keep their clocks within it).
     */
    private Duration claimMargin = Duration.ofSeconds(2);

    /** Run the recovery poller (retries, timeouts, crash recovery). */
    private boolean cronEnabled = true;

    /** Due transactions the recovery poller processes at once on this replica. */
    private int cronConcurrency = 8;

    /** URL that receives a POST when a transaction keeps failing. */
    private String alertWebhook = "";

    /** Backoff rounds after which the alert webhook is called. */
    private int alertRetryLimit = 3;

    /** Threads that process submitted transactions in the background. */
    private int processThreads = 32;

    /** Submitted transactions waiting for a processing thread; beyond it the recovery poller takes them. */
    private int processQueueCapacity = 10_000;

    /** Threads that call branches concurrently (concurrent saga and msg). */
    private int branchThreads = 64;

    private final Store store = new Store();

    private final Limits limits = new Limits();
    private final Auth auth = new Auth();
    private final Callback callback = new Callback();

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

    /**
     * Caps on what one API request (HTTP or JSON-RPC) may carry; a request over a cap is refused whole and stores
     * nothing. See docs/security.md.
     */
    public static class Limits {

        /** Largest request body; a larger one gets 413 before it is parsed. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /** Most steps of one saga or msg transaction. */
        private int maxSteps = 1000;

        /**
         * Largest body of one branch (a step's payload, a registered branch's data); at most 65535 bytes, the
         * {@code bin_data} BLOB of dtm's MySQL schema.
         */
        private DataSize maxStepPayloadSize = DataSize.ofBytes(65535);

        /**
         * Time allowed to receive a whole request body. Bodies are read without holding a request thread, so slow
         * senders cannot starve the API; one slower than this gets 408.
         */
        private Duration bodyReadTimeout = Duration.ofSeconds(10);

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
    }

    public Auth getAuth() {
        return auth;
    }

    /** Bearer-token authentication of the API ({@code /api/dtmsvr/**}, {@code /api/json-rpc}, {@code /admin/**}). */
    public static class Auth {

        /**
         * Require {@code Authorization: Bearer <token>} on the API, JSON-RPC and admin routes ({@code /api/ping} stays
         * open). Off by default, as dtm's server, so dtm's SDKs work unchanged.
         */
        private boolean enabled = false;

        /** The accepted tokens, each with a role; list several to rotate a token without downtime. */
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

    /** One accepted token: exactly one of {@code token} and {@code token-sha256}, and a role. */
    public static class Token {

        /** The token as clients send it. */
        private String token;

        /** The hex SHA-256 of the token (e.g. {@code printf %s "$TOKEN" | sha256sum}), to keep it out of config. */
        private String tokenSha256;

        /**
         * READ (query, all, queryKV, scanKV, newGid, version) or OPERATE (everything, including prepare, submit,
         * abort, registerBranch, forceStop, the cron resets and topics).
         */
        private String role;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getTokenSha256() {
            return tokenSha256;
        }

        public void setTokenSha256(String tokenSha256) {
            this.tokenSha256 = tokenSha256;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        @Override
        public String toString() {
            // never the token: this object may end up in logs or actuator output
            return "Token[role=" + role + "]";
        }
    }

    public Callback getCallback() {
        return callback;
    }

    /** The coordinator's calls to branches, back-checks and workflow resumes. */
    public static class Callback {

        /**
         * Shared secrets that sign every call to a branch (header Dtm-Signature, HMAC-SHA256 over method, path, query,
         * body and time). The first signs; list the next key first and the old one after it while participants
         * rotate. Empty: calls are not signed, as in dtm.
         */
        private List<String> signingKeys = new ArrayList<>();

        /**
         * Patterns of the URLs the coordinator may call, e.g. {@code https://*.svc.cluster.local/**} or
         * {@code http://bank:8081/api/**}; a URL matching none is refused at submit and never called. Empty: every URL
         * is allowed, as in dtm. Link-local and cloud metadata addresses are refused unless a pattern names the host
         * literally.
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

    /** Where transactions are kept. */
    public static class Store {

        /** h2, mysql (also MariaDB), postgres or redis. */
        private String type = "h2";

        /**
         * A JDBC URL, or for redis {@code redis://host:port} (a comma-separated list of nodes means a cluster).
         * Defaults to an H2 file under ./dtm-data, or redis://127.0.0.1:6379.
         */
        private String url;

        private String username;

        private String password;

        /** Create the tables at startup: always or never; defaults to always for h2 and never otherwise. */
        private SchemaInitialization initializeSchema;

        /** Maximum connections of the store's own pool (SQL stores). */
        private int maxPoolSize = 32;

        /** Prefix of every Redis key; the braces make every key hash to one cluster slot. */
        private String redisPrefix = "{a}";

        /** How long Redis keeps an unfinished transaction. */
        private Duration dataExpire = Duration.ofDays(7);

        /** How long Redis keeps a finished transaction. */
        private Duration finishedDataExpire = Duration.ofDays(1);

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public SchemaInitialization getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public int getMaxPoolSize() {
            return maxPoolSize;
        }

        public void setMaxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
        }

        public String getRedisPrefix() {
            return redisPrefix;
        }

        public void setRedisPrefix(String redisPrefix) {
            this.redisPrefix = redisPrefix;
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

    public enum SchemaInitialization {
        ALWAYS, NEVER
    }
}
