package io.dtm.coordinator.scenario;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.coordinator.engine.TransProcessedListener;
import io.dtm.protocol.TransGlobal;

/**
 * Counts processing passes per gid, so tests wait for a pass to end instead of sleeping.
 */
public class ProcessedRecorder implements TransProcessedListener {

    private final Map<String, AtomicInteger> passes = new ConcurrentHashMap<>();

    @Override
    public void processed(TransGlobal global) {
        passes.computeIfAbsent(global.getGid(), k -> new AtomicInteger()).incrementAndGet();
    }

    public int passes(String gid) {
        AtomicInteger count = passes.get(gid);
        return count == null ? 0 : count.get();
    }

}
