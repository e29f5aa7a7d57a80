package io.dtm.spring.barrier;

class H2JdbcBarrierTests extends AbstractJdbcBarrierTests {

    H2JdbcBarrierTests() {
        super(Databases.h2("barrier-tests;LOCK_TIMEOUT=20000"));
    }

    @Override
    boolean someoneWaitsForALock(Thread waiter) {
        // H2 reports no blocker for a unique-key wait: look for the back-check's insert
        // still running
        Integer waiting = jdbc().queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                + " WHERE SESSION_STATE = 'RUNNING' AND EXECUTING_STATEMENT LIKE 'INSERT INTO dtm_barrier.barrier%'",
                Integer.class);
        return waiting != null && waiting > 0;
    }

}
