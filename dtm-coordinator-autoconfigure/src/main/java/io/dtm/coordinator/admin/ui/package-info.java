/**
 * The static admin UI served by the coordinator.
 */
@NullMarked
package io.dtm.coordinator.admin.ui;

import org.jspecify.annotations.NullMarked;
