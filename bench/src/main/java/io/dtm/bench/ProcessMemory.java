package io.dtm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of another JVM as its users see it: the resident set ({@code VmRSS} of
 * {@code /proc/<pid>/status}), read first, and the heap in use after a full collection
 * ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}; {@code jcmd}'s collection is not
 * an explicit {@code System.gc()}, so {@code -XX:+DisableExplicitGC} does not stop it).
 */
final class ProcessMemory {

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcessMemory() {
    }

    /** Memory in MiB; {@code -1} for what could not be read. */
    record Sample(double rssMib, double heapAfterGcMib) {

        String line(String label) {
            return String.format(Locale.ROOT, "memory %s rss_mib=%.0f heap_after_gc_mib=%.0f", label, this.rssMib,
                    this.heapAfterGcMib);
        }

    }

    static Sample sample(long pid) {
        double rss = -1;
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
            if (m.find()) {
                rss = Long.parseLong(m.group(1)) / 1024.0;
            }
        }
        catch (IOException ex) {
            System.err.println("VmRSS of " + pid + " not read: " + ex.getMessage());
        }
        double heap = -1;
        if (jcmd(pid, "GC.run") != null) {
            String info = jcmd(pid, "GC.heap_info");
            Matcher m = (info != null) ? HEAP_USED.matcher(info) : null;
            if (m != null && m.find()) {
                heap = Long.parseLong(m.group(1)) / 1024.0;
            }
        }
        return new Sample(rss, heap);
    }

    private static String jcmd(long pid, String command) {
        Path own = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String jcmd = Files.isExecutable(own) ? own.toString() : "jcmd";
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("jcmd " + pid + " " + command + " failed: " + out.strip());
                return null;
            }
            return out;
        }
        catch (IOException ex) {
            System.err.println("jcmd " + pid + " " + command + " failed: " + ex.getMessage());
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

}
