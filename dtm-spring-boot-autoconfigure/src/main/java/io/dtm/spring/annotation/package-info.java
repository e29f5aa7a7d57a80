/**
 * The dtm annotations: initiators of every mode ({@code @GlobalSaga}, {@code @GlobalTcc},
 * {@code @GlobalXa}, {@code @DtmMsg}), branch handlers ({@code @DtmBarrier},
 * {@code @TccTry}/{@code @TccConfirm}/{@code @TccCancel}, {@code @XaBranch}) and Feign
 * steps ({@code @DtmStep}); {@link io.dtm.spring.annotation.GlobalTransaction}, the
 * transaction an annotated method runs in; and the exceptions annotated methods throw.
 */
@NullMarked
package io.dtm.spring.annotation;

import org.jspecify.annotations.NullMarked;
