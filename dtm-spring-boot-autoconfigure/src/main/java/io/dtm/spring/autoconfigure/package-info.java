/**
 * Auto-configuration of the dtm client, one per concern, its {@code dtm.*} properties and
 * failure analyzers.
 */
@NullMarked
package io.dtm.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
