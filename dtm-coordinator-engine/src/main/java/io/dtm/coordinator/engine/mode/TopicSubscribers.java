package io.dtm.coordinator.engine.mode;

import java.util.List;

/**
 * The subscribers a {@code topic://name} step of a message fans out to.
 */
@FunctionalInterface
public interface TopicSubscribers {

    /** How a message step names a topic instead of a URL. */
    String TOPIC_PREFIX = "topic://";

    /**
     * The URLs subscribed to a topic when its message is submitted.
     * @param topic the topic name, without the prefix
     * @return the subscribers' URLs
     */
    List<String> subscriberUrls(String topic);

}
