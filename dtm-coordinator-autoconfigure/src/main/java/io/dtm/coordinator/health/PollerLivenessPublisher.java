package io.dtm.coordinator.health;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

import io.dtm.coordinator.engine.CronPollListener;

/**
 * Marks the application {@link LivenessState#BROKEN} when the recovery poller's loop ends
 * without being stopped: without it this replica recovers nothing, and only a restart
 * brings it back. Spring Boot's {@code livenessState} contributor (in the liveness group
 * when probes are on) then reports {@code DOWN}, also where {@code dtmPoller} is not a
 * member of that group.
 */
public class PollerLivenessPublisher implements CronPollListener {

    private final ApplicationEventPublisher publisher;

    public PollerLivenessPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void loopDied(Throwable cause) {
        AvailabilityChangeEvent.publish(publisher, this, LivenessState.BROKEN);
    }

}
