/**
 * The current transaction: {@link io.dtm.spring.context.DtmTransaction} (gid, type,
 * branch, op) and {@link io.dtm.spring.context.DtmContextHolder}, the one holder of dtm's
 * thread state.
 */
@NullMarked
package io.dtm.spring.context;

import org.jspecify.annotations.NullMarked;
