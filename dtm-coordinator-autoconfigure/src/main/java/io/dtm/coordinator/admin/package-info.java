/**
 * The coordinator's admin endpoints: transaction queries and actions, stuck transactions,
 * recent branch calls and the replica heartbeat.
 */
@NullMarked
package io.dtm.coordinator.admin;

import org.jspecify.annotations.NullMarked;
