package io.dtm.coordinator.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * The H2 file of an embedded coordinator with no {@code dtm.coordinator.store.jdbc.url}:
 * one per application, named after {@code spring.application.name}, under
 * {@code ${user.home}/.dtm/coordinator}, so that two applications on one machine never
 * open the same file (H2 lets one process at a time open a file). An application without
 * a name, and one whose own file does not exist yet while the file of earlier versions
 * ({@code dtm.mv.db}) does, keeps that file, so the transactions it holds stay reachable.
 */
final class DefaultH2Store {

    static final String FORMER_NAME = "dtm";

    private static final Logger log = LoggerFactory.getLogger(DefaultH2Store.class);

    private DefaultH2Store() {
    }

    static String url(String applicationName) {
        Path directory = Path.of(System.getProperty("user.home"), ".dtm", "coordinator").toAbsolutePath();
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

    /** The application's name, kept to characters every file system takes. */
    static String fileName(String applicationName) {
        if (!StringUtils.hasText(applicationName)) {
            return FORMER_NAME;
        }
        String name = applicationName.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        return name.startsWith(".") ? "app" + name : name;
    }

}
