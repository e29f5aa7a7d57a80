/**
 * The JDBC {@link io.dtm.coordinator.store.TransStore}: its tables, statements and the
 * dialects of H2, MySQL/MariaDB and PostgreSQL.
 */
@NullMarked
package io.dtm.coordinator.store.jdbc;

import org.jspecify.annotations.NullMarked;
