package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Two applications on one machine, each serving the coordinator with the H2 file store
 * ({@code dtm.coordinator.store.jdbc.default-h2=file}, the standalone coordinator's
 * default), get a file each, named after the application; the file of earlier versions
 * stays in use where it holds the transactions; a file another process holds open is
 * explained.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultStorePerApplicationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorRedisStoreAutoConfiguration.class, DtmCoordinatorStoreAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.jdbc.default-h2=file");

    @TempDir
    Path home;

    private String userHome;

    @BeforeEach
    void ownHome() {
        this.userHome = System.getProperty("user.home");
        System.setProperty("user.home", this.home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", this.userHome);
    }

    @Test
    void twoApplicationsRunningSideBySideGetAStoreFileEach(CapturedOutput output) {
        this.runner.withPropertyValues("spring.application.name=bank-out")
            .run((out) -> this.runner.withPropertyValues("spring.application.name=bank in").run((in) -> {
                assertThat(out).hasNotFailed();
                assertThat(in).hasNotFailed();
            }));

        Path directory = this.home.resolve(".dtm/coordinator");
        assertThat(directory.resolve("bank-out.mv.db")).exists();
        assertThat(directory.resolve("bank-in.mv.db")).exists();
        assertThat(directory.resolve("dtm.mv.db")).doesNotExist();
        assertThat(output).contains("The dtm coordinator keeps its transactions in a h2 store at jdbc:h2:file:"
                + directory.toAbsolutePath().resolve("bank-out"));
    }

    @Test
    void anApplicationWithoutANameKeepsTheFileOfEarlierVersions() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());

        assertThat(this.home.resolve(".dtm/coordinator/dtm.mv.db")).exists();
    }

    @Test
    void theFileOfEarlierVersionsStaysInUseWhileTheApplicationHasNoFileOfItsOwn(CapturedOutput output) {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
        this.runner.withPropertyValues("spring.application.name=bank")
            .run((context) -> assertThat(context).hasNotFailed());

        assertThat(this.home.resolve(".dtm/coordinator/bank.mv.db")).doesNotExist();
        assertThat(output).contains("the store file of earlier versions");
    }

    @Test
    void aStoreFileHeldByAnotherProcessIsExplainedWithBothFixes() throws IOException {
        Path directory = Files.createDirectories(this.home.resolve(".dtm/coordinator"));
        try (FileChannel channel = FileChannel.open(directory.resolve("bank.mv.db"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ); FileLock lock = channel.lock()) {
            this.runner.withPropertyValues("spring.application.name=bank").run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new CoordinatorStoreFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("its H2 file is open in another application");
                assertThat(analysis.getAction()).contains("dtm.server=http://localhost:8081/api/dtmsvr")
                    .contains("set dtm.coordinator.store.jdbc.url");
            });
        }
    }

    @Test
    void passwordsStayOutOfTheLoggedUrl() {
        assertThat(StoreUrls.withoutSecrets("jdbc:mariadb://db:3306/dtm?user=dtm&password=secret"))
            .isEqualTo("jdbc:mariadb://db:3306/dtm?user=dtm&password=****");
        assertThat(StoreUrls.withoutSecrets("redis://dtm:secret@h1:6379,redis://h2:6379"))
            .isEqualTo("redis://dtm:****@h1:6379,redis://h2:6379");
        assertThat(StoreUrls.withoutSecrets("jdbc:h2:file:/x;PASSWORD=p;DB_CLOSE_ON_EXIT=FALSE"))
            .isEqualTo("jdbc:h2:file:/x;PASSWORD=****;DB_CLOSE_ON_EXIT=FALSE");
    }

}
