package io.dtm.coordinator.store.jdbc;

/**
 * H2, embedded: round trips cost nothing, so branch writes lock the global row with
 * {@code SELECT ... FOR UPDATE} in a short transaction; a failed statement leaves the
 * transaction usable, so duplicate keys are caught. Times keep their fraction of a
 * second.
 */
final class H2Dialect extends JdbcDialect {

    H2Dialect() {
        super("h2");
    }

    @Override
    String defaultUrl() {
        return JdbcStoreFactory.defaultH2Url();
    }

    @Override
    boolean storesWholeSeconds() {
        return false;
    }

}
