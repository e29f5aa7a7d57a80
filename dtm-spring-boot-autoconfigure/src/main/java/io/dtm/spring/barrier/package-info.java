/**
 * The branch barrier: exactly-once, ordered branch operations on JDBC (H2, MySQL/MariaDB,
 * PostgreSQL) and Redis.
 */
@NullMarked
package io.dtm.spring.barrier;

import org.jspecify.annotations.NullMarked;
