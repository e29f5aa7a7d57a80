package io.dtm.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Checks the run from the bank's own tables against the coordinators' final statuses:
 * <ul>
 * <li>every transfer finished ({@code succeed} or {@code failed});</li>
 * <li>money conserved: the balances sum to what they started with, and each account's
 * balance is its initial balance plus its ledger rows;</li>
 * <li>no (gid, branch_id, op) applied twice;</li>
 * <li>a failed transfer: every applied action compensated, and no compensation without
 * its action; a succeeded one: both actions applied, no compensation;</li>
 * <li>the status the plan implies: a refused action means failed; with no
 * timeout_to_fail, no refusal means succeed.</li>
 * </ul>
 */
final class Verifier {

    record LedgerRow(String branchId, String op, String handler, int account, long delta, String createdAt) {
        @Override
        public String toString() {
            return String.format("%s %-10s %-14s account %3d %+5d at %s", branchId, op, handler, account, delta,
                    createdAt);
        }
    }

    record Result(int transfers, int succeeded, int failed, List<String> lost, List<String> doubled,
            List<String> nonTerminal, List<String> wrongStatus, List<String> unsubmitted, long moneyDelta,
            List<String> ledgerMismatch, List<String> report) {

        boolean ok() {
            return lost.isEmpty() && doubled.isEmpty() && nonTerminal.isEmpty() && wrongStatus.isEmpty()
                    && unsubmitted.isEmpty() && moneyDelta == 0 && ledgerMismatch.isEmpty();
        }
    }

    private static final int SHOWN_PER_KIND = 5;

    private final ChaosSettings settings;

    private final JdbcTemplate jdbc;

    private final Driver driver;

    private final List<String> kills;

    Verifier(ChaosSettings settings, JdbcTemplate jdbc, Driver driver, List<String> kills) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.driver = driver;
        this.kills = kills;
    }

    Result verify(List<Transfer> transfers) throws InterruptedException {
        Map<String, List<LedgerRow>> ledger = new HashMap<>();
        jdbc.query("SELECT gid, branch_id, op, handler, account, delta, created_at FROM chaos_ledger ORDER BY id",
                rs -> {
                    ledger.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new LedgerRow(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getLong(6),
                                rs.getTimestamp(7)
                                    .toLocalDateTime()
                                    .toLocalTime()
                                    .truncatedTo(ChronoUnit.MILLIS)
                                    .toString()));
                });
        Map<String, String> statuses = driver.statuses();
        int succeeded = 0;
        int failed = 0;
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        List<String> nonTerminal = new ArrayList<>();
        List<String> wrongStatus = new ArrayList<>();
        List<String> unsubmitted = new ArrayList<>();
        Map<String, String> why = new LinkedHashMap<>();
        for (Transfer t : transfers) {
            String gid = t.gid();
            String status = statuses.get(gid);
            List<LedgerRow> rows = ledger.getOrDefault(gid, List.of());
            Map<String, Integer> applied = new HashMap<>();
            for (LedgerRow row : rows) {
                applied.merge(row.branchId() + "/" + row.op(), 1, Integer::sum);
            }
            if (applied.values().stream().anyMatch(n -> n > 1)) {
                doubled.add(gid);
                why.put(gid, "a branch applied twice");
            }
            if (status == null) {
                unsubmitted.add(gid);
                why.put(gid, "never accepted: " + driver.submitErrors().get(gid));
                continue;
            }
            boolean out = applied.containsKey("01/action");
            boolean outRevert = applied.containsKey("01/compensate");
            boolean in = applied.containsKey("02/action");
            boolean inRevert = applied.containsKey("02/compensate");
            String problem = null;
            if (Driver.SUCCEED.equals(status)) {
                succeeded++;
                if (!out || !in || outRevert || inRevert) {
                    problem = "succeed, but ledger has TransOut=" + out + " TransIn=" + in + " TransOutRevert="
                            + outRevert + " TransInRevert=" + inRevert;
                }
            }
            else if (Driver.FAILED.equals(status)) {
                failed++;
                List<String> p = new ArrayList<>();
                if (out && !outRevert) {
                    p.add("TransOut applied, never compensated");
                }
                if (in && !inRevert) {
                    p.add("TransIn applied, never compensated");
                }
                if (outRevert && !out) {
                    p.add("TransOutRevert applied without TransOut");
                }
                if (inRevert && !in) {
                    p.add("TransInRevert applied without TransIn");
                }
                problem = p.isEmpty() ? null : "failed, but " + String.join("; ", p);
            }
            else {
                nonTerminal.add(gid);
                why.put(gid, "still '" + status + "' at the end");
            }
            if (problem != null) {
                lost.add(gid);
                why.put(gid, problem);
            }
            boolean mustFail = !t.refuse().isEmpty();
            boolean mustSucceed = t.refuse().isEmpty() && settings.timeoutToFail() == 0;
            if ((mustFail && Driver.SUCCEED.equals(status)) || (mustSucceed && Driver.FAILED.equals(status))) {
                wrongStatus.add(gid);
                why.putIfAbsent(gid, status + ", but the plan says it must " + (mustFail ? "fail" : "succeed"));
            }
        }

        long initialTotal = Ledger.INITIAL_BALANCE * settings.accounts();
        Long total = jdbc.queryForObject("SELECT SUM(balance) FROM chaos_account", Long.class);
        long moneyDelta = (total == null ? 0 : total) - initialTotal;
        List<String> ledgerMismatch = new ArrayList<>();
        jdbc.query(
                "SELECT a.id, a.balance, COALESCE(SUM(l.delta), 0) FROM chaos_account a"
                        + " LEFT JOIN chaos_ledger l ON l.account = a.id GROUP BY a.id, a.balance ORDER BY a.id",
                rs -> {
                    long expected = Ledger.INITIAL_BALANCE + rs.getLong(3);
                    if (rs.getLong(2) != expected) {
                        ledgerMismatch.add("account " + rs.getInt(1) + ": balance " + rs.getLong(2)
                                + ", initial + ledger " + expected);
                    }
                });

        List<String> report = new ArrayList<>();
        Map<String, Transfer> byGid = new HashMap<>();
        transfers.forEach(t -> byGid.put(t.gid(), t));
        describe(report, "LOST (money not restored)", lost, why, byGid, ledger);
        describe(report, "DOUBLED (a branch applied twice)", doubled, why, byGid, ledger);
        describe(report, "NON-TERMINAL", nonTerminal, why, byGid, ledger);
        describe(report, "WRONG STATUS", wrongStatus, why, byGid, ledger);
        describe(report, "NEVER SUBMITTED", unsubmitted, why, byGid, ledger);
        if (moneyDelta != 0) {
            report.add("MONEY: the balances sum to " + (initialTotal + moneyDelta) + ", expected " + initialTotal
                    + (moneyDelta > 0 ? " (created " : " (destroyed ") + Math.abs(moneyDelta) + ")");
        }
        ledgerMismatch.stream().limit(SHOWN_PER_KIND).forEach(m -> report.add("LEDGER MISMATCH: " + m));
        if (!report.isEmpty() && !kills.isEmpty()) {
            report.add("KILLS (kill -9, UTC): " + String.join(", ", kills));
        }
        return new Result(transfers.size(), succeeded, failed, lost, doubled, nonTerminal, wrongStatus, unsubmitted,
                moneyDelta, ledgerMismatch, report);
    }

    private void describe(List<String> report, String kind, List<String> gids, Map<String, String> why,
            Map<String, Transfer> byGid, Map<String, List<LedgerRow>> ledger) throws InterruptedException {
        if (gids.isEmpty()) {
            return;
        }
        report.add(kind + ": " + gids.size() + " transfer(s)"
                + (gids.size() > SHOWN_PER_KIND ? ", the first " + SHOWN_PER_KIND + ":" : ":"));
        for (String gid : gids.subList(0, Math.min(SHOWN_PER_KIND, gids.size()))) {
            report.add("  " + gid + "  " + byGid.get(gid).describe());
            report.add("    problem:     " + why.get(gid));
            JsonNode q = driver.query(gid);
            if (q == null) {
                report.add("    coordinator: no replica answered /query");
            }
            else {
                JsonNode g = q.path("transaction");
                report.add("    coordinator: status " + g.path("status").asString("?") + ", rollback_reason '"
                        + g.path("rollback_reason").asString("") + "'");
                for (JsonNode b : q.path("branches")) {
                    String url = b.path("url").asString("");
                    report.add("      branch " + b.path("branch_id").asString() + " "
                            + String.format("%-10s", b.path("op").asString()) + " "
                            + String.format("%-9s", b.path("status").asString()) + " "
                            + url.substring(url.lastIndexOf('/') + 1));
                }
            }
            List<LedgerRow> rows = ledger.getOrDefault(gid, List.of());
            report.add("    ledger:      " + (rows.isEmpty() ? "no rows" : rows.size() + " row(s)"));
            rows.forEach(r -> report.add("      " + r));
            List<String> log = coordinatorLog(gid);
            report.add("    coordinator log: " + log.size() + " line(s)");
            log.forEach(line -> report.add("      " + line));
        }
    }

    private static final Pattern LOG_LINE = Pattern
        .compile("^\\S*T(\\S+)Z?\\s+\\w+\\s+(\\d+) --- \\[[^\\]]*\\] \\[\\s*([^\\]]*)\\] \\S+\\s+: (.*)$");

    /** The coordinators' log lines about one gid, in time order, shortened. */
    private List<String> coordinatorLog(String gid) {
        List<String> lines = new ArrayList<>();
        String needle = "gid=" + gid;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(settings.outDir().resolve("logs"),
                "coordinator-*.log")) {
            for (Path log : logs) {
                String name = log.getFileName().toString().replace(".log", "");
                try (Stream<String> stream = Files.lines(log)) {
                    stream.filter(l -> l.contains(needle)).forEach(l -> {
                        Matcher m = LOG_LINE.matcher(l);
                        String line = m.matches() ? m.group(1) + " " + name + " pid " + m.group(2) + " [" + m.group(3)
                                + "] " + m.group(4).replace(" trans_type=saga", "") : l;
                        lines.add(line.length() > 240 ? line.substring(0, 240) + "..." : line);
                    });
                }
            }
        }
        catch (IOException | UncheckedIOException ex) {
            lines.add("(cannot read the coordinator logs: " + ex.getMessage() + ")");
        }
        Collections.sort(lines);
        return lines;
    }

}
