/**
 * The coordinator's health indicator.
 */
@NullMarked
package io.dtm.spring.health;

import org.jspecify.annotations.NullMarked;
