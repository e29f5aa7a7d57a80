/**
 * Internal: how the annotations are applied, by Spring AOP advisors (the default proxy
 * mode) or by dtm's AspectJ aspects ({@code dtm.annotations.mode=aspectj}, woven by
 * name), and checked at startup. Not an API: only the aspects' names are referenced, from
 * weaving configurations.
 */
@NullMarked
package io.dtm.spring.annotation.support;

import org.jspecify.annotations.NullMarked;
