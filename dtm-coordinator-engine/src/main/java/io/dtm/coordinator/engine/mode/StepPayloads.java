package io.dtm.coordinator.engine.mode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.dtm.protocol.TransGlobal;

/**
 * Body bytes of a saga or msg step: {@code payloads[i]}, with a legacy
 * {@code steps[i].data} appended.
 */
final class StepPayloads {

    private StepPayloads() {
    }

    static byte[] of(TransGlobal g, int step) {
        String payload = step < g.getPayloads().size() && g.getPayloads().get(step) != null ? g.getPayloads().get(step)
                : "";
        Map<String, String> stepMap = g.getSteps().get(step);
        String data = stepMap.get("data");
        if (data != null && !data.isEmpty()) {
            payload = payload + data;
        }
        return payload.getBytes(StandardCharsets.UTF_8);
    }

}
