package io.dtm.samples.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.dtm.spring.client.DtmClient;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the sample transfers once the app is up ({@code samples.run-on-startup}, default
 * true): each mode once as a success and once with a forced failure, and prints what
 * happened. The app then exits (0 if every transfer ended as expected) unless
 * {@code samples.stay-up=true}.
 */
@Component
public class TransferRunner implements ApplicationRunner {

    private final TransferDemo demo;

    private final DtmClient dtm;

    private final Environment environment;

    private final List<TransferResult> results = new ArrayList<>();

    private boolean ran;

    private boolean coordinatorDown;

    public TransferRunner(TransferDemo demo, DtmClient dtm, Environment environment) {
        this.demo = demo;
        this.dtm = dtm;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!this.environment.getProperty("samples.run-on-startup", Boolean.class, true)) {
            return;
        }
        this.ran = true;
        System.out.println();
        List<Mode> modes = modes();
        System.out.println("dtm samples: transfer " + TransferDemo.AMOUNT + " from account 1 to account 2, as a success"
                + " and with a forced failure, in " + ((modes.size() == Mode.values().length) ? "every mode"
                        : String.join(", ", modes.stream().map(Mode::label).toList())));
        System.out.println("   coordinator: " + this.dtm.server() + coordinatorKind());
        System.out.println("   bank database: " + this.demo.databaseName() + " ("
                + this.environment.getProperty("spring.datasource.url") + ")");
        System.out.println();
        try {
            this.dtm.query(this.dtm.newGid());
        }
        catch (RuntimeException ex) {
            this.coordinatorDown = true;
            System.out
                .println("The coordinator at " + this.dtm.server() + " does not answer (" + ex.getMessage() + ").");
            System.out.println("Start it (java -jar dtm-coordinator-server/target/dtm-coordinator-server-"
                    + "0.1.0-SNAPSHOT-exec.jar), point DTM_SERVER at it, or run without the standalone profile.");
            return;
        }
        for (Mode mode : modes) {
            for (boolean fail : new boolean[] { false, true }) {
                TransferResult result = this.demo.run(mode, fail);
                this.results.add(result);
                System.out.println(TransferReport.describe(result, TransferDemo.AMOUNT));
                if (result.skipped()) {
                    break;
                }
            }
        }
        System.out.println(TransferReport.summary(this.results, TransferDemo.AMOUNT));
        if (stayUp()) {
            System.out.println("Staying up (samples.stay-up=true): the coordinator's API is at " + this.dtm.server()
                    + ", the bank at " + this.environment.getProperty("samples.bank-url") + "/api/bank");
        }
    }

    /** Whether the app should exit after the run. */
    public boolean shouldExit() {
        return this.ran && !stayUp();
    }

    /** Whether every transfer ended as expected (and the coordinator answered). */
    public boolean allAsExpected() {
        return !this.coordinatorDown
                && this.results.stream().allMatch((result) -> result.asExpected(TransferDemo.AMOUNT));
    }

    public List<TransferResult> results() {
        return List.copyOf(this.results);
    }

    private boolean stayUp() {
        return this.environment.getProperty("samples.stay-up", Boolean.class, false);
    }

    private List<Mode> modes() {
        String[] names = this.environment.getProperty("samples.modes", String[].class, new String[0]);
        if (names.length == 0) {
            return List.of(Mode.values());
        }
        return Arrays.stream(names).map((name) -> Mode.valueOf(name.trim().toUpperCase())).toList();
    }

    private String coordinatorKind() {
        if (this.environment.getProperty("dtm.coordinator.enabled", Boolean.class, false)) {
            return " (embedded in this app, store " + this.environment.getProperty("dtm.coordinator.store.type", "h2")
                    + ")";
        }
        return " (standalone)";
    }

}
