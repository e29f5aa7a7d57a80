/**
 * The XA participant: local XA branches on MySQL/MariaDB and PostgreSQL.
 */
@NullMarked
package io.dtm.spring.xa;

import org.jspecify.annotations.NullMarked;
