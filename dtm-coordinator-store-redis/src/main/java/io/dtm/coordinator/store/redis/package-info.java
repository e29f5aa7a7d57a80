/**
 * The Redis {@link io.dtm.coordinator.store.TransStore}, whose state changes run as Lua
 * scripts.
 */
@NullMarked
package io.dtm.coordinator.store.redis;

import org.jspecify.annotations.NullMarked;
