/**
 * The standalone coordinator server.
 */
@NullMarked
package io.dtm.coordinator;

import org.jspecify.annotations.NullMarked;
