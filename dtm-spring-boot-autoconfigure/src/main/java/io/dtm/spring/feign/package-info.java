/**
 * Spring Cloud OpenFeign support, active when OpenFeign is on the classpath
 * ({@code dtm-spring-boot-starter-openfeign}): one
 * {@link io.dtm.spring.feign.DtmFeignCapability} installs a chain of small clients that
 * record steps, register TCC tries, check XA replies and sign branch calls.
 */
@NullMarked
package io.dtm.spring.feign;

import org.jspecify.annotations.NullMarked;
