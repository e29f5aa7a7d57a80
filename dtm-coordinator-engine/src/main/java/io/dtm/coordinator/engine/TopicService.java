package io.dtm.coordinator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;

import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.mode.TopicSubscribers;
import io.dtm.coordinator.engine.mode.TransRequestValidator;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.engine.support.TransLimits;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.KvEntry;

/**
 * Msg topics (docs/protocol.md#msg-topics): KV rows of cat {@code topics} holding
 * {@code [{"url","remark"}]}, updated with an optimistic version so that concurrent
 * subscribes never lose one. Topics are read from the store when a message is created, so
 * a subscribe is visible to the very next message on every replica.
 */
public class TopicService implements TopicSubscribers {

    public static final String TOPIC_PREFIX = TopicSubscribers.TOPIC_PREFIX;

    private static final int MAX_ATTEMPTS = 50;

    private static final TypeReference<List<Subscriber>> SUBSCRIBERS = new TypeReference<>() {
    };

    private final TransStore store;

    private final CoordinatorClock clock;

    private final BranchUrlPolicy urlPolicy;

    private final TransLimits limits;

    public TopicService(TransStore store, CoordinatorClock clock) {
        this(store, clock, BranchUrlPolicy.allowAll(), TransLimits.defaults());
    }

    /**
     * @param urlPolicy the rules a subscriber URL must meet, as any branch URL: each
     * message to the topic calls it
     * @param limits the caps a subscribe is held to
     */
    public TopicService(TransStore store, CoordinatorClock clock, BranchUrlPolicy urlPolicy, TransLimits limits) {
        this.store = store;
        this.clock = clock;
        this.urlPolicy = urlPolicy;
        this.limits = limits;
    }

    public record Subscriber(String url, String remark) {
    }

    public void subscribe(String topic, String url, String remark) {
        requireNonEmpty("topic", topic);
        requireNonEmpty("url", url);
        TransRequestValidator.maxLength("topic", topic, 128);
        TransRequestValidator.maxLength("url", url, TransRequestValidator.MAX_TEXT);
        urlPolicy.check("url", url);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<KvEntry> current = find(topic);
            if (current.isEmpty()) {
                String value = TransJson.write(List.of(new Subscriber(url, remark == null ? "" : remark)));
                if (store.createKv(new KvEntry(null, KvEntry.CAT_TOPICS, topic, value, 1, now, now))) {
                    return;
                }
                continue;
            }
            List<Subscriber> subscribers = parse(current.get().v());
            if (subscribers.stream().anyMatch(s -> s.url().equals(url))) {
                throw new InvalidRequestException("url " + url + " is already subscribed to topic " + topic);
            }
            // checked on the version the update is conditional on, so concurrent
            // subscribes cannot pass the cap together
            if (subscribers.size() >= limits.maxSubscribersPerTopic()) {
                throw new TransLimits.TransLimitException("topic " + topic + " has " + subscribers.size()
                        + " subscribers; at most " + limits.maxSubscribersPerTopic()
                        + " are allowed (dtm.coordinator.limits.max-subscribers-per-topic)");
            }
            subscribers.add(new Subscriber(url, remark == null ? "" : remark));
            if (store.updateKv(current.get().withValue(TransJson.write(subscribers), now))) {
                return;
            }
        }
        throw new DtmException("topic " + topic + " is being changed concurrently; try again");
    }

    public void unsubscribe(String topic, String url) {
        requireNonEmpty("topic", topic);
        requireNonEmpty("url", url);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            KvEntry current = find(topic).orElseThrow(() -> new TopicNotFoundException(topic));
            List<Subscriber> subscribers = parse(current.v());
            if (!subscribers.removeIf(s -> s.url().equals(url))) {
                throw new InvalidRequestException("url " + url + " is not subscribed to topic " + topic);
            }
            if (store.updateKv(current.withValue(TransJson.write(subscribers), clock.instant()))) {
                return;
            }
        }
        throw new DtmException("topic " + topic + " is being changed concurrently; try again");
    }

    public void deleteTopic(String topic) {
        if (!store.deleteKv(KvEntry.CAT_TOPICS, topic)) {
            throw new TopicNotFoundException(topic);
        }
    }

    /** The subscriber URLs of a topic, for msg fan-out. */
    public List<String> subscriberUrls(String topic) {
        KvEntry entry = find(topic).orElseThrow(() -> new TopicNotFoundException(topic));
        return parse(entry.v()).stream().map(Subscriber::url).toList();
    }

    public List<KvEntry> queryKv(String cat, String key) {
        return store.findKv(cat, key);
    }

    public boolean isKvPosition(String position) {
        return store.isKvPosition(position);
    }

    public TransStore.KvPage scanKv(String cat, String position, int limit) {
        return store.scanKv(cat, position, limit);
    }

    private Optional<KvEntry> find(String topic) {
        return store.findKv(KvEntry.CAT_TOPICS, topic).stream().findFirst();
    }

    private static List<Subscriber> parse(String value) {
        if (value == null || value.isBlank()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(TransJson.MAPPER.readValue(value, SUBSCRIBERS));
    }

    private static void requireNonEmpty(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(field + " is required and must not be empty");
        }
    }

    /** A msg step or a topic request names a topic nobody subscribed to. */
    public static class TopicNotFoundException extends RuntimeException {

        public TopicNotFoundException(String topic) {
            super("topic not found: " + topic + " (subscribe a URL to it first)");
        }

    }

}
