package io.dtm.spring.barrier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Local business run inside the branch barrier's transaction. The {@link JdbcTemplate}
 * (and any Spring data access on the same DataSource) joins that transaction.
 */
@FunctionalInterface
public interface BarrierBusiness {

    void execute(JdbcTemplate jdbc) throws Exception;

}
