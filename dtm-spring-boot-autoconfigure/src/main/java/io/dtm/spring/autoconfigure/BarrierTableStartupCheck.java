package io.dtm.spring.autoconfigure;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import io.dtm.spring.barrier.BarrierSchemaInitializer;
import io.dtm.spring.barrier.BarrierTableMissingException;
import io.dtm.spring.barrier.H2BarrierDialect;
import io.dtm.spring.barrier.JdbcBarrier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Creates the barrier table at startup as {@code dtm.barrier.initialize-schema} says, and
 * checks that it exists when the application uses the barrier. A database that cannot be
 * reached does not stop the application: the same work runs before the barrier's first
 * use instead.
 */
class BarrierTableStartupCheck implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(BarrierTableStartupCheck.class);

    private final DtmProperties.Barrier properties;

    private final JdbcBarrier barrier;

    private final DataSource dataSource;

    private final BarrierSchemaInitializer initializer;

    private final ConfigurableListableBeanFactory beanFactory;

    BarrierTableStartupCheck(DtmProperties.Barrier properties, JdbcBarrier barrier, DataSource dataSource,
            BarrierSchemaInitializer initializer, ConfigurableListableBeanFactory beanFactory) {
        this.properties = properties;
        this.barrier = barrier;
        this.dataSource = dataSource;
        this.initializer = initializer;
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Boolean validate = this.properties.getValidateTable();
        boolean check = (validate != null) ? validate : BarrierHandlers.present(this.beanFactory);
        try {
            prepare(check);
        }
        catch (BarrierTableMissingException ex) {
            String needed = (validate != null) ? "dtm.barrier.validate-table=true"
                    : "the application's barrier handlers";
            throw new DtmConfigurationException(ex.getMessage() + ", and " + needed + " need it.",
                    ex.fix() + " Or set dtm.barrier.validate-table=false to skip this check.", ex);
        }
        catch (IllegalStateException ex) {
            throw new DtmConfigurationException(ex.getMessage() + ".",
                    "Use the barrier on one of those databases, or set dtm.enabled=false.", ex);
        }
        catch (RuntimeException ex) {
            if (!isConnectionFailure(ex)) {
                throw ex;
            }
            logger.warn("The dtm barrier cannot reach its database to " + (check ? "check" : "create") + " the table "
                    + this.barrier.table() + " (" + NestedExceptionUtils.getMostSpecificCause(ex).getMessage()
                    + "); it will do so before the first barrier call");
            this.barrier.checkBeforeFirstUse(() -> prepare(validate == null || validate));
        }
    }

    /**
     * Spring's translation, or a pool's own exception (Hikari's when it cannot start)
     * over the driver's connection error (SQLState class 08).
     */
    private static boolean isConnectionFailure(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof ConnectException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private void prepare(boolean validate) {
        // embedded: an H2 database, in memory or on a file, as for the coordinator's own
        // store
        switch (this.properties.getInitializeSchema()) {
            case ALWAYS -> this.initializer.initialize();
            case EMBEDDED -> {
                if (this.barrier.dialect(this.dataSource) instanceof H2BarrierDialect) {
                    this.initializer.initialize();
                }
            }
            case NEVER -> {
            }
        }
        if (validate) {
            this.initializer.validate();
        }
    }

}
