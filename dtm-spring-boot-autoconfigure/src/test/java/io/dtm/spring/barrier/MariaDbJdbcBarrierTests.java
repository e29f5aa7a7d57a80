package io.dtm.spring.barrier;

class MariaDbJdbcBarrierTests extends AbstractJdbcBarrierTests {

    MariaDbJdbcBarrierTests() {
        super(Databases.mariadb());
    }

    @Override
    boolean someoneWaitsForALock(Thread waiter) {
        Integer waiting = jdbc().queryForObject(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'", Integer.class);
        return waiting != null && waiting > 0;
    }

}
