/**
 * The coordinator's HTTP and JSON-RPC API in dtm's wire format, and the request guards in
 * front of it.
 */
@NullMarked
package io.dtm.coordinator.api;

import org.jspecify.annotations.NullMarked;
