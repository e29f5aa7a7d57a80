/**
 * The test kit's control of the coordinator's time and passes.
 */
@NullMarked
package io.dtm.test.engine;

import org.jspecify.annotations.NullMarked;
