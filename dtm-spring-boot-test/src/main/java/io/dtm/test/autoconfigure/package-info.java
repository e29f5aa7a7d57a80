/**
 * Auto-configuration of the test kit's coordinator and its registration in test contexts.
 */
@NullMarked
package io.dtm.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
