package io.dtm.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CPU time per transaction over a measured window: of the bench process (load driver,
 * bench service, initiator and, unless it runs separately, the coordinator), of the
 * store's database server (all its processes) and of a separate coordinator process.
 */
class CpuMeter {

    /** CPU times at one instant; ticks per pid, absent for what is not measured. */
    record Sample(long benchNanos, Map<Long, Long> databaseTicks, long coordinatorTicks) {
    }

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();

    private final Set<String> databaseProcesses;

    private final long coordinatorPid;

    private final long ticksPerSecond = ProcStat.clockTicksPerSecond();

    /**
     * @param store the store under test: its database server is measured (none for H2)
     * @param coordinatorPid the separate coordinator's pid, 0 if it is embedded
     */
    CpuMeter(String store, long coordinatorPid) {
        this.databaseProcesses = databaseProcesses(store);
        this.coordinatorPid = coordinatorPid;
    }

    static Set<String> databaseProcesses(String store) {
        return switch (store) {
            case "mysql" -> Set.of("mariadbd", "mysqld");
            case "postgres" -> Set.of("postgres");
            case "redis" -> Set.of("redis-server");
            default -> Set.of();
        };
    }

    Sample sample() {
        Map<Long, Long> database = new HashMap<>();
        List<Long> pids = ProcStat.pidsNamed(this.databaseProcesses);
        for (long pid : pids) {
            long ticks = ProcStat.ticks(pid);
            if (ticks >= 0) {
                database.put(pid, ticks);
            }
        }
        long coordinator = (this.coordinatorPid > 0) ? ProcStat.ticks(this.coordinatorPid) : -1;
        return new Sample(this.os.getProcessCpuTime(), database, coordinator);
    }

    /**
     * The three table cells: bench, database and coordinator CPU ms per transaction
     * ({@code -} where not measured).
     */
    String cells(Sample before, Sample after, long transactions) {
        double per = Math.max(1, transactions);
        String bench = millis((after.benchNanos() - before.benchNanos()) / 1e6 / per);
        String database = this.databaseProcesses.isEmpty() || after.databaseTicks().isEmpty() ? "-"
                : millis(tickMillis(databaseTicks(before, after)) / per);
        String coordinator = (before.coordinatorTicks() < 0 || after.coordinatorTicks() < 0) ? "-"
                : millis(tickMillis(after.coordinatorTicks() - before.coordinatorTicks()) / per);
        return bench + " | " + database + " | " + coordinator;
    }

    /**
     * A process that started in the window counts with all its time; one that ended
     * counts in its parent's children's times (see {@link ProcStat#ticks}), less what it
     * had used before the window.
     */
    private static long databaseTicks(Sample before, Sample after) {
        return sum(after.databaseTicks()) - sum(before.databaseTicks());
    }

    private static long sum(Map<Long, Long> ticks) {
        return ticks.values().stream().mapToLong(Long::longValue).sum();
    }

    private double tickMillis(long ticks) {
        return ticks * 1000.0 / this.ticksPerSecond;
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

}
