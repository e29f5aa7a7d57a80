package io.dtm.spring.barrier;

class PostgresJdbcBarrierTests extends AbstractJdbcBarrierTests {

    PostgresJdbcBarrierTests() {
        super(Databases.postgres());
    }

    @Override
    boolean someoneWaitsForALock(Thread waiter) {
        Integer waiting = jdbc().queryForObject(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
                Integer.class);
        return waiting != null && waiting > 0;
    }

}
