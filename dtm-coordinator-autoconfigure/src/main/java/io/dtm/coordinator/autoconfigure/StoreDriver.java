package io.dtm.coordinator.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

import io.dtm.coordinator.store.CoordinatorStoreException;

/**
 * The module and client library of each store. The coordinator declares them all
 * optional, so an application brings the one of the store it uses (the standalone jar
 * carries them all).
 */
enum StoreDriver {

    H2("H2 database", "org.h2.Driver", "com.h2database:h2"),
    MARIADB("MariaDB JDBC driver", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"),
    MYSQL("MySQL JDBC driver", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j"),
    POSTGRESQL("PostgreSQL JDBC driver", "org.postgresql.Driver", "org.postgresql:postgresql"),
    LETTUCE("Redis client Lettuce", "io.lettuce.core.RedisClient", "io.lettuce:lettuce-core"),
    JDBC_STORE("coordinator's JDBC store", "io.dtm.coordinator.store.jdbc.JdbcTransStore",
            "io.dtm:dtm-coordinator-store-jdbc"),
    REDIS_STORE("coordinator's Redis store", "io.dtm.coordinator.store.redis.RedisTransStore",
            "io.dtm:dtm-coordinator-store-redis");

    private final String description;

    private final String className;

    private final String dependency;

    StoreDriver(String description, String className, String dependency) {
        this.description = description;
        this.className = className;
        this.dependency = dependency;
    }

    /** Maven coordinates of the library, {@code groupId:artifactId}. */
    String dependency() {
        return dependency;
    }

    String description() {
        return description;
    }

    String className() {
        return className;
    }

    boolean isPresent(ClassLoader classLoader) {
        return ClassUtils.isPresent(className, classLoader);
    }

    /**
     * @throws CoordinatorStoreException naming the dependency to add when the library is
     * not on the classpath
     */
    void require(String storeType, ClassLoader classLoader) {
        if (!isPresent(classLoader)) {
            throw new CoordinatorStoreException(
                    "dtm.coordinator.store.type=" + storeType + " needs the " + description + " (" + className
                            + "), which is not on the classpath.",
                    "Add " + dependency + " to the application's dependencies.");
        }
    }

    /**
     * The driver a JDBC URL needs, or null when the URL names a driver the coordinator
     * does not know (a proxy driver, say), which is then left to the connection pool to
     * find.
     */
    static @Nullable StoreDriver forJdbcUrl(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        if (lower.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return null;
    }

}
