package io.dtm.coordinator.engine;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import io.dtm.coordinator.engine.call.AlertWebhook;
import io.dtm.coordinator.engine.call.BranchCallListener;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.run.EngineContext;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.engine.support.TransLimits;
import io.dtm.coordinator.store.TransStore;

/**
 * The coordinator's engine on one store, wired: the processor that runs processing
 * passes, the service behind the API, the topics and the recovery poller. Build one with
 * {@link #builder(TransStore)}.
 * <p>
 * Whoever builds it owns what it passed in (store, branch caller, executors) and closes
 * it, and starts and stops the {@linkplain #poller() poller} (a Spring context does both
 * for beans).
 */
public final class Coordinator {

    private final TopicService topics;

    private final TransProcessor processor;

    private final TransService service;

    private final CronPoller poller;

    private final TransStore store;

    private Coordinator(TopicService topics, TransProcessor processor, TransService service, CronPoller poller,
            TransStore store) {
        this.store = store;
        this.topics = topics;
        this.processor = processor;
        this.service = service;
        this.poller = poller;
    }

    public static Builder builder(TransStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    public TopicService topics() {
        return topics;
    }

    public TransProcessor processor() {
        return processor;
    }

    public TransService service() {
        return service;
    }

    /** The store the engine writes through: the built one, with its decorators. */
    public TransStore store() {
        return store;
    }

    /** The recovery poller, not started. */
    public CronPoller poller() {
        return poller;
    }

    public static final class Builder {

        private final TransStore store;

        private EngineSettings settings;

        private CoordinatorClock clock = CoordinatorClock.system();

        private BranchCaller branchCaller;

        private BranchTracer branchTracer = BranchTracer.w3c();

        private Executor branchExecutor;

        private Executor processExecutor;

        private final List<TransProcessedListener> listeners = new ArrayList<>();

        private final List<BranchCallListener> branchCallListeners = new ArrayList<>();

        private final List<CronPollListener> pollListeners = new ArrayList<>();

        private final List<UnaryOperator<TransStore>> storeDecorators = new ArrayList<>();

        private CallbackSigner alertSigner = CallbackSigner.disabled();

        private boolean cronEnabled = true;

        private TransLimits limits = TransLimits.defaults();

        private int cronConcurrency = 1;

        private Builder(TransStore store) {
            this.store = store;
        }

        /** Required. */
        public Builder settings(EngineSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The system clock unless set. */
        public Builder clock(CoordinatorClock clock) {
            this.clock = clock;
            return this;
        }

        /** Required: calls the branches. */
        public Builder branchCaller(BranchCaller branchCaller) {
            this.branchCaller = branchCaller;
            return this;
        }

        /** Traces passes and branch calls; {@link BranchTracer#w3c()} unless set. */
        public Builder branchTracer(BranchTracer branchTracer) {
            this.branchTracer = branchTracer;
            return this;
        }

        /**
         * Required.
         * @param branchExecutor runs the branch calls a pass makes side by side
         * (concurrent saga, msg)
         * @param processExecutor runs the passes of submitted transactions in the
         * background
         */
        public Builder executors(Executor branchExecutor, Executor processExecutor) {
            this.branchExecutor = branchExecutor;
            this.processExecutor = processExecutor;
            return this;
        }

        /**
         * @param branchExecutor runs the branch calls a pass makes side by side
         */
        public Builder branchExecutor(Executor branchExecutor) {
            this.branchExecutor = branchExecutor;
            return this;
        }

        /**
         * @param processExecutor runs the passes of submitted transactions in the
         * background
         */
        public Builder processExecutor(Executor processExecutor) {
            this.processExecutor = processExecutor;
            return this;
        }

        /** Told of every finished pass, in list order; replaces those added before. */
        public Builder listeners(List<TransProcessedListener> listeners) {
            this.listeners.clear();
            this.listeners.addAll(listeners);
            return this;
        }

        /** Also told of every finished pass, after those added before. */
        public Builder addListener(TransProcessedListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Told of every branch call the branch caller makes. */
        public Builder addBranchCallListener(BranchCallListener listener) {
            this.branchCallListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Told of every pass of the recovery poller. */
        public Builder addPollListener(CronPollListener listener) {
            this.pollListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Wraps the store the engine writes through (meters, say); decorators apply in
         * the order added, the last one outermost.
         */
        public Builder decorateStore(UnaryOperator<TransStore> decorator) {
            this.storeDecorators.add(Objects.requireNonNull(decorator, "decorator"));
            return this;
        }

        /**
         * Signs the alert webhook's calls as branch calls are signed; unsigned unless
         * set.
         */
        public Builder alertSigner(CallbackSigner alertSigner) {
            this.alertSigner = alertSigner;
            return this;
        }

        /**
         * Caps on branches and subscribers; {@link TransLimits#defaults()} unless set.
         */
        public Builder limits(TransLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Whether the recovery poller runs when started (it does unless set), and how
         * many claimed transactions it processes at once (1 unless set).
         */
        public Builder cron(boolean enabled, int concurrency) {
            this.cronEnabled = enabled;
            this.cronConcurrency = concurrency;
            return this;
        }

        public Coordinator build() {
            require(settings, "settings");
            require(branchCaller, "branchCaller");
            require(branchExecutor, "executors");
            require(processExecutor, "executors");
            TransStore store = this.store;
            for (UnaryOperator<TransStore> decorator : storeDecorators) {
                store = Objects.requireNonNull(decorator.apply(store), "decorated store");
            }
            branchCallListeners.forEach(branchCaller::addListener);
            AlertWebhook alerts = new AlertWebhook(HttpClient.newHttpClient(), settings.alertWebhook(),
                    settings.alertRetryLimit(), alertSigner);
            EngineContext ctx = new EngineContext(store, clock, settings, branchCaller, alerts, branchExecutor,
                    branchTracer);
            TopicService topics = new TopicService(store, clock, branchCaller.urlPolicy(), limits);
            TransProcessor processor = new TransProcessor(ctx, topics, processExecutor, List.copyOf(listeners));
            CronPoller poller = new CronPoller(store, processor, cronEnabled, cronConcurrency);
            pollListeners.forEach(poller::addListener);
            return new Coordinator(topics, processor, new TransService(store, processor, limits), poller, store);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException("Coordinator.builder(store)." + name + "(...) is required");
            }
        }

    }

}
