package io.dtm.coordinator.scenario;

import java.util.Map;

import io.dtm.coordinator.model.TransJson;

/** A reply of the coordinator as a test sees it. */
public record HttpReply(int status, String body) {

    public Map<String, Object> json() {
        return TransJson.readObject(body);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
