package io.dtm.spring.annotation.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a local transaction of the application's transaction manager when it has
 * exactly one, so that the barrier rows and the business (JDBC, JPA...) commit together;
 * without one, the branch barrier opens its own JDBC transaction on the DataSource.
 */
public class LocalTransactions {

    private final ObjectProvider<PlatformTransactionManager> transactionManager;

    public LocalTransactions(ObjectProvider<PlatformTransactionManager> transactionManager) {
        this.transactionManager = transactionManager;
    }

    public void run(Runnable work) {
        PlatformTransactionManager manager = this.transactionManager.getIfUnique();
        if (manager == null) {
            work.run();
            return;
        }
        new TransactionTemplate(manager).executeWithoutResult((status) -> work.run());
    }

}
