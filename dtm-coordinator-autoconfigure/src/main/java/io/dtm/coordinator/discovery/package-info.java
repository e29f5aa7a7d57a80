/**
 * Resolution of service-registry branch URLs through Spring Cloud discovery or load
 * balancing.
 */
@NullMarked
package io.dtm.coordinator.discovery;

import org.jspecify.annotations.NullMarked;
