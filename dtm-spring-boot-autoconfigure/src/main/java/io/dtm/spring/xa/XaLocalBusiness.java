package io.dtm.spring.xa;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Local work of an XA branch. The {@link JdbcTemplate}, and any Spring data access on the
 * same DataSource, runs on the branch's XA connection.
 */
@FunctionalInterface
public interface XaLocalBusiness {

    void execute(JdbcTemplate jdbc) throws Exception;

}
