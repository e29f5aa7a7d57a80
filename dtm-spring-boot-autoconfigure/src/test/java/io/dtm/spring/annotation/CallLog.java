package io.dtm.spring.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test service saw, per gid: the requests it received and the business operations
 * that ran (and committed their work).
 */
public class CallLog {

    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    private final Map<String, List<String>> ran = new ConcurrentHashMap<>();

    private final Map<String, List<String>> signed = new ConcurrentHashMap<>();

    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    synchronized void received(String gid, String operation) {
        this.received.computeIfAbsent(gid, (key) -> new ArrayList<>()).add(operation);
    }

    synchronized void ran(String gid, String operation) {
        this.ran.computeIfAbsent(gid, (key) -> new ArrayList<>()).add(operation);
    }

    synchronized void signed(String gid, String operation) {
        this.signed.computeIfAbsent(gid, (key) -> new ArrayList<>()).add(operation);
    }

    /** True the first time {@code key} is seen. */
    boolean firstTime(String key) {
        return this.failedOnce.add(key);
    }

    public synchronized List<String> received(String gid) {
        return List.copyOf(this.received.getOrDefault(gid, List.of()));
    }

    public synchronized List<String> ran(String gid) {
        return List.copyOf(this.ran.getOrDefault(gid, List.of()));
    }

    /**
     * The requests received that carried a {@code Dtm-Signature} header (checked or not).
     */
    public synchronized List<String> signed(String gid) {
        return List.copyOf(this.signed.getOrDefault(gid, List.of()));
    }

}
