package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and latency of a Seata TC, one global transaction per operation:
 * <ul>
 * <li>{@code mode=inproc} (the peer kit's client): begin, two in-process {@code @LocalTCC} tries (each a
 * branchRegister RM->TC), commit (the TC drives both confirms on this RM before it answers);</li>
 * <li>{@code mode=http}: the same, with both tries served by a participant process over HTTP (see
 * {@link Participant}), the XID in the {@code TX_XID} header; the participant registers the branches and the TC
 * drives their confirms there;</li>
 * <li>{@code mode=saga}: a two-step saga on Seata's state machine engine (see {@link SagaTx}).</li>
 * </ul>
 * N threads in a closed loop (warm-up, then a measured window), then, with {@code rate > 0}, a window at that fixed
 * arrival rate (open loop, latency counted from when each transaction was due), then the memory of the first
 * watched process (the TC).
 * System properties: mode (inproc), threads (20), seconds (30), warmup (5), rate (0), rateSeconds (seconds),
 * timeoutMs (60000), participant (http://127.0.0.1:18092), watch (name=pid,...).
 */
public class Bench {

    /** One global transaction; true when it ended committed. */
    interface Tx {
        boolean run() throws Exception;

        /** Phase-two commits the participants executed so far (to prove the TC drove them), -1 if unknown. */
        long phaseTwoCommits();
    }

    static final LongAdder ALL_COMMITTED = new LongAdder();

    public static void main(String[] args) throws Exception {
        String mode = System.getProperty("mode", "inproc");
        int threads = Integer.getInteger("threads", 20);
        int seconds = Integer.getInteger("seconds", 30);
        int warmup = Integer.getInteger("warmup", 5);
        int rate = Integer.getInteger("rate", 0);
        int rateSeconds = Integer.getInteger("rateSeconds", seconds);
        int timeoutMs = Integer.getInteger("timeoutMs", 60000);
        String app = System.getProperty("app", "seata-tcc-bench");
        String group = System.getProperty("group", "default_tx_group");
        String[] watch = System.getProperty("watch", "").isEmpty() ? new String[0] : System.getProperty("watch").split(",");

        Tx tx = switch (mode) {
            case "inproc" -> TccTx.inProcess(app, group, timeoutMs);
            case "http" -> TccTx.overHttp(app, group, timeoutMs, System.getProperty("participant", "http://127.0.0.1:18092"), threads);
            case "saga" -> SagaTx.start(app, group, threads);
            default -> throw new IllegalArgumentException("mode must be inproc, http or saga, was " + mode);
        };
        Thread.sleep(2000); // let TM/RM channels connect and the RM register its resources

        // sanity: one transaction, must be committed with both phase-two commits executed
        long c0 = tx.phaseTwoCommits();
        boolean ok = tx.run();
        System.out.printf("sanity tx (%s): committed=%s, phase-two commits executed=%s%n", mode, ok,
                c0 < 0 ? "n/a" : Long.toString(tx.phaseTwoCommits() - c0));

        closedLoop(tx, threads, seconds, warmup, watch);
        if (rate > 0) {
            fixedRate(tx, threads, rate, rateSeconds, watch);
            if (watch.length > 0) {
                System.out.println(memory(watch[0].split("=")[0], Long.parseLong(watch[0].split("=")[1])));
            }
        }
        System.exit(0);
    }

    static void closedLoop(Tx tx, int threads, int seconds, int warmup, String[] watch) throws Exception {
        final long startNs = System.nanoTime();
        final long measureFrom = startNs + warmup * 1_000_000_000L;
        final long endNs = measureFrom + seconds * 1_000_000_000L;
        final long[][] lat = new long[threads][];
        final int[] cnt = new int[threads];
        final LongAdder errors = new LongAdder(), notCommitted = new LongAdder();
        final CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            final int id = t;
            lat[id] = new long[1 << 16];
            new Thread(() -> {
                try {
                    while (true) {
                        long s = System.nanoTime();
                        if (s >= endNs) break;
                        boolean r;
                        try {
                            r = tx.run();
                        } catch (Throwable e) {
                            if (s >= measureFrom) errors.increment();
                            if (errors.sum() < 5) e.printStackTrace();
                            continue;
                        }
                        long e = System.nanoTime();
                        if (r) ALL_COMMITTED.increment();
                        if (s < measureFrom || e > endNs) continue; // count only tx fully inside the window
                        if (!r) { notCommitted.increment(); continue; }
                        if (cnt[id] == lat[id].length) lat[id] = Arrays.copyOf(lat[id], cnt[id] * 2);
                        lat[id][cnt[id]++] = e - s;
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-" + t).start();
        }
        long[] cpu0 = new long[watch.length + 2], cpu1 = new long[watch.length + 2];
        sleepUntil(measureFrom); long p0 = tx.phaseTwoCommits(); cpuSnap(watch, cpu0);
        sleepUntil(endNs); long p1 = tx.phaseTwoCommits(); cpuSnap(watch, cpu1);
        done.await();

        int n = 0;
        for (int c : cnt) n += c;
        long[] all = new long[n];
        int p = 0;
        for (int t = 0; t < threads; t++) { System.arraycopy(lat[t], 0, all, p, cnt[t]); p += cnt[t]; }
        Arrays.sort(all);
        double tps = n / (double) seconds;
        System.out.printf("RESULT threads=%d seconds=%d warmup=%d committed=%d tps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d notCommitted=%d phase2CommitsInWindow=%s%n",
                threads, seconds, warmup, n, tps, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                n == 0 ? 0 : all[n - 1] / 1e6, errors.sum(), notCommitted.sum(), p0 < 0 ? "n/a" : Long.toString(p1 - p0));
        System.out.println(cpuLine("CPU", watch, cpu0, cpu1, seconds));
    }

    /**
     * Open loop: transaction i is due at start + i / rate; at most {@code threads} run at once. Latency counts from
     * when a transaction was due, so waiting for a free thread is part of it; one not started by the end of the
     * window is counted as missed (the rate is above what the system sustains).
     */
    static void fixedRate(Tx tx, int threads, int rate, int seconds, String[] watch) throws Exception {
        final long total = (long) rate * seconds;
        final double period = 1e9 / rate;
        final AtomicLong next = new AtomicLong();
        final long[][] lat = new long[threads][];
        final int[] cnt = new int[threads];
        final LongAdder errors = new LongAdder(), notCommitted = new LongAdder();
        final CountDownLatch done = new CountDownLatch(threads);
        long[] cpu0 = new long[watch.length + 2], cpu1 = new long[watch.length + 2];
        cpuSnap(watch, cpu0);
        final long start = System.nanoTime();
        final long end = start + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            final int id = t;
            lat[id] = new long[1 << 12];
            new Thread(() -> {
                try {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        long due = start + (long) (i * period);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                        if (System.nanoTime() >= end) break;
                        boolean r;
                        try {
                            r = tx.run();
                        } catch (Throwable e) {
                            errors.increment();
                            if (errors.sum() < 5) e.printStackTrace();
                            continue;
                        }
                        if (!r) { notCommitted.increment(); continue; }
                        long e = System.nanoTime();
                        if (cnt[id] == lat[id].length) lat[id] = Arrays.copyOf(lat[id], cnt[id] * 2);
                        lat[id][cnt[id]++] = e - due;
                    }
                } finally {
                    done.countDown();
                }
            }, "rate-" + t).start();
        }
        done.await();
        cpuSnap(watch, cpu1);
        int n = 0;
        for (int c : cnt) n += c;
        long[] all = new long[n];
        int p = 0;
        for (int t = 0; t < threads; t++) { System.arraycopy(lat[t], 0, all, p, cnt[t]); p += cnt[t]; }
        Arrays.sort(all);
        long missed = total - n - errors.sum() - notCommitted.sum();
        System.out.printf("RATE rate=%d seconds=%d committed=%d tps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d notCommitted=%d missed=%d%n",
                rate, seconds, n, n / (double) seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                n == 0 ? 0 : all[n - 1] / 1e6, errors.sum(), notCommitted.sum(), missed);
        // the window may run a little past its end while the last transactions finish
        System.out.println(cpuLine("RATECPU", watch, cpu0, cpu1, (System.nanoTime() - start) / 1e9));
    }

    /** VmRSS first, then the heap in use after a full collection (jcmd's GC.run is not stopped by -XX:+DisableExplicitGC). */
    static String memory(String name, long pid) throws Exception {
        double rss = -1, heap = -1;
        Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        if (m.find()) rss = Long.parseLong(m.group(1)) / 1024.0;
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        if (run(jcmd, Long.toString(pid), "GC.run") != null) {
            String info = run(jcmd, Long.toString(pid), "GC.heap_info");
            Matcher h = info == null ? null : Pattern.compile("used (\\d+)K").matcher(info);
            if (h != null && h.find()) heap = Long.parseLong(h.group(1)) / 1024.0;
        }
        return String.format("MEMORY %s rss_mib=%.0f heap_after_gc_mib=%.0f", name, rss, heap);
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + " failed: " + out);
            return null;
        }
        return out;
    }

    /** CPU over a window, in % of one core (this machine has 2 cores -> 200% max). */
    static String cpuLine(String label, String[] watch, long[] cpu0, long[] cpu1, double seconds) {
        StringBuilder sb = new StringBuilder(label);
        for (int i = 0; i < watch.length; i++)
            sb.append(String.format(" %s=%.0f%%", watch[i].split("=")[0], (cpu1[i] - cpu0[i]) * 100.0 / 100 / seconds));
        sb.append(String.format(" bench-client=%.0f%%", (cpu1[watch.length] - cpu0[watch.length]) * 100.0 / 100 / seconds));
        sb.append(String.format(" machine-busy=%.0f%%-of-%d-cores", (cpu1[watch.length + 1] - cpu0[watch.length + 1]) * 100.0 / 100 / seconds / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors()));
        return sb.toString();
    }

    /** utime+stime (clock ticks, 100 Hz) of each name=pid, of this JVM, and non-idle ticks of the whole machine. */
    static void cpuSnap(String[] watch, long[] out) {
        for (int i = 0; i < watch.length; i++) out[i] = procTicks(watch[i].split("=")[1]);
        out[watch.length] = procTicks("self");
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // minus idle, iowait
            out[watch.length + 1] = busy;
        } catch (Exception e) { out[watch.length + 1] = 0; }
    }

    static long procTicks(String pid) {
        try {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14,15: utime, stime
        } catch (Exception e) { return 0; }
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    static void sleepUntil(long ns) throws InterruptedException {
        long d;
        while ((d = ns - System.nanoTime()) > 0) Thread.sleep(Math.max(1, d / 1_000_000));
    }
}
