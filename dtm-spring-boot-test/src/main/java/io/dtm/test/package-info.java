/**
 * The dtm test kit: {@link io.dtm.test.DtmTest}, an in-process coordinator, recorded
 * transactions and their assertions.
 */
@NullMarked
package io.dtm.test;

import org.jspecify.annotations.NullMarked;
