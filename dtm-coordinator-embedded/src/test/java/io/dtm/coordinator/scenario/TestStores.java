package io.dtm.coordinator.scenario;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test coordinator at the store named by the system property {@code dtm.test.store} (h2 by default;
 * mysql, postgres or redis run the same scenarios against the real databases on 127.0.0.1).
 */
public final class TestStores {

    private TestStores() {
    }

    public static String current() {
        return System.getProperty("dtm.test.store", "h2");
    }

    public static void register(DynamicPropertyRegistry registry, String name) {
        String store = current();
        registry.add("dtm.coordinator.store.type", () -> store);
        registry.add("dtm.coordinator.store.initialize-schema", () -> "always");
        switch (store) {
            case "h2" -> registry.add("dtm.coordinator.store.url",
                    () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            case "mysql" -> {
                registry.add("dtm.coordinator.store.url", () -> "jdbc:mariadb://127.0.0.1:3306/dtm_" + name
                        + "?createDatabaseIfNotExist=true");
                registry.add("dtm.coordinator.store.username", () -> System.getProperty("dtm.test.mysql.user", "root"));
                registry.add("dtm.coordinator.store.password", () -> System.getProperty("dtm.test.mysql.password", ""));
            }
            case "postgres" -> {
                registry.add("dtm.coordinator.store.url", () -> "jdbc:postgresql://127.0.0.1:5432/test");
                registry.add("dtm.coordinator.store.username", () -> "postgres");
            }
            case "redis" -> {
                registry.add("dtm.coordinator.store.url", () -> "redis://127.0.0.1:6379");
                registry.add("dtm.coordinator.store.redis-prefix", () -> "{" + name + "}");
            }
            default -> throw new IllegalArgumentException("unknown dtm.test.store " + store);
        }
    }
}
