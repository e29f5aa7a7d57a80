package io.dtm.coordinator.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * The H2 store of a coordinator with no {@code dtm.coordinator.store.jdbc.url}: in memory
 * unless {@code dtm.coordinator.store.jdbc.default-h2=file} (the standalone coordinator's
 * default), so that an application that embeds the coordinator writes no file under the
 * user's home directory unless it asks. The file is one per application, named after
 * {@code spring.application.name}, under {@code ${user.home}/.dtm/coordinator}, so that
 * two applications on one machine never open the same file (H2 lets one process at a time
 * open a file). An application without a name, and one whose own file does not exist yet
 * while the file of earlier versions ({@code dtm.mv.db}) does, keeps that file, so the
 * transactions it holds stay reachable.
 */
final class DefaultH2Store {

    static final String FORMER_NAME = "dtm";

    private static final Logger log = LoggerFactory.getLogger(DefaultH2Store.class);

    private DefaultH2Store() {
    }

    /**
     * A database of its own for each store, so that two coordinators in one JVM (tests)
     * never share one; kept while the JVM runs, as the pool may briefly hold no
     * connection.
     */
    static String inMemoryUrl() {
        return "jdbc:h2:mem:dtm-coordinator-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static void warnInMemory(String applicationName) {
        Path directory = directory();
        Path earlier = directory.resolve(fileName(applicationName) + ".mv.db");
        if (!Files.exists(earlier)) {
            earlier = directory.resolve(FORMER_NAME + ".mv.db");
        }
        String file = Files.exists(earlier)
                ? " " + earlier + " exists (the default store of earlier versions): set "
                        + "dtm.coordinator.store.jdbc.default-h2=file to drive the transactions it holds to their end."
                : "";
        log.warn("The dtm coordinator keeps its transactions in memory (H2): transactions in flight do not survive a "
                + "restart. Set dtm.coordinator.store.jdbc.url (e.g. jdbc:h2:file:~/.dtm/coordinator/<name> or a "
                + "MySQL, PostgreSQL URL), dtm.coordinator.store.type=redis, or "
                + "dtm.coordinator.store.jdbc.default-h2=file to keep them.{}", file);
    }

    static String url(String applicationName) {
        Path directory = directory();
        String name = fileName(applicationName);
        if (!FORMER_NAME.equals(name) && !Files.exists(directory.resolve(name + ".mv.db"))
                && Files.exists(directory.resolve(FORMER_NAME + ".mv.db"))) {
            log.info(
                    "The coordinator keeps its transactions in {}, the store file of earlier versions, which "
                            + "exists; applications that never used it get a file named after spring.application.name "
                            + "({}.mv.db). Set dtm.coordinator.store.jdbc.url to choose the file.",
                    directory.resolve(FORMER_NAME + ".mv.db"), name);
            name = FORMER_NAME;
        }
        return "jdbc:h2:file:" + directory.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static Path directory() {
        return Path.of(System.getProperty("user.home"), ".dtm", "coordinator").toAbsolutePath();
    }

    /** The application's name, kept to characters every file system takes. */
    static String fileName(String applicationName) {
        if (!StringUtils.hasText(applicationName)) {
            return FORMER_NAME;
        }
        String name = applicationName.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        return name.startsWith(".") ? "app" + name : name;
    }

}
