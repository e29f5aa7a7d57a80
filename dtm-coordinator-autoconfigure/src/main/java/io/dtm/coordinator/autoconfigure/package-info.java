/**
 * Auto-configuration of an embedded coordinator: the engine, the stores, the HTTP API,
 * admin, health, metrics, tracing and discovery, with their properties and failure
 * analyzers.
 */
@NullMarked
package io.dtm.coordinator.autoconfigure;

import org.jspecify.annotations.NullMarked;
