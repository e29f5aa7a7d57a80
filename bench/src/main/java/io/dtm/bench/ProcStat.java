package io.dtm.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CPU time of other processes, from Linux's {@code /proc/<pid>/stat}, in clock ticks.
 */
final class ProcStat {

    private static final Path PROC = Path.of("/proc");

    private ProcStat() {
    }

    /**
     * The pids whose command name ({@code /proc/<pid>/comm}) is one of {@code names}.
     */
    static List<Long> pidsNamed(Set<String> names) {
        List<Long> pids = new ArrayList<>();
        if (names.isEmpty()) {
            return pids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    if (names.contains(Files.readString(entry.resolve("comm")).trim())) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                }
                catch (IOException ex) {
                    // the process ended meanwhile
                }
            }
        }
        catch (IOException ex) {
            // no /proc: not Linux
        }
        return pids;
    }

    /**
     * utime + stime + cutime + cstime of a process (all its threads), or -1 if it is
     * gone. The children's times count too: a PostgreSQL backend that ends during the
     * window moves its time into the postmaster's cutime, which is then still summed.
     */
    static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        }
        catch (IOException ex) {
            return -1;
        }
        // the command name, in parentheses, may hold spaces: fields are counted after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long total = 0;
        for (int field = 14; field <= 17; field++) {
            total += Long.parseLong(fields[field - 3]);
        }
        return total;
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}), 100 if it cannot be read. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return (getconf.waitFor() == 0) ? Long.parseLong(out) : 100;
        }
        catch (IOException | NumberFormatException ex) {
            return 100;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

}
