/**
 * Fault injection for tests: branch faults, initiator call faults, coordinator crashes
 * and redelivery.
 */
@NullMarked
package io.dtm.test.fault;

import org.jspecify.annotations.NullMarked;
