package io.dtm.spring.annotation.support;

import io.dtm.spring.context.DtmContextHolder;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context propagation carry the saga or message being recorded (kept by
 * {@link DtmContextHolder}) to the threads an initiator hands work to. Registered with
 * the {@code ContextRegistry} through {@code META-INF/services}. The initiator waits only
 * for the tasks decorated by {@code DtmContextTaskDecorator}, which registers each with
 * the recording ({@link StepRecording#handOut}); a snapshot taken by other means carries
 * the recording but is not waited for, as a snapshot does not tell when its task ends.
 */
public class StepRecordingAccessor implements ThreadLocalAccessor<StepRecording> {

    public static final String KEY = "io.dtm.step-recording";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public StepRecording getValue() {
        return StepRecording.current();
    }

    @Override
    public void setValue(StepRecording value) {
        DtmContextHolder.startRecording(value);
    }

    @Override
    public void setValue() {
        DtmContextHolder.startRecording(null);
    }

}
