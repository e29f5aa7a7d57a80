package io.dtm.coordinator.autoconfigure;

import java.util.Locale;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorProperties.SchemaInitialization;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.redis.RedisTransStore;

/** Creates the store named by {@code dtm.coordinator.store.type}. */
public final class TransStores {

    private TransStores() {
    }

    public static TransStore create(DtmCoordinatorProperties.Store store) {
        String type = store.getType() == null ? "h2" : store.getType().toLowerCase(Locale.ROOT);
        if ("redis".equals(type)) {
            return RedisTransStore.create(store.getUrl(), store.getUsername(), store.getPassword(),
                    store.getRedisPrefix(), store.getDataExpire(), store.getFinishedDataExpire());
        }
        JdbcDialect dialect = JdbcDialect.fromStoreType(type);
        SchemaInitialization init = store.getInitializeSchema() != null ? store.getInitializeSchema()
                : dialect == JdbcDialect.H2 ? SchemaInitialization.ALWAYS : SchemaInitialization.NEVER;
        return JdbcStoreFactory.create(dialect, store.getUrl(), store.getUsername(), store.getPassword(),
                store.getMaxPoolSize(), init == SchemaInitialization.ALWAYS);
    }
}
