package io.dtm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}: runs dtm's coordinator
 * inside the test's application context, on an in-memory database of its own, points the
 * dtm client at it and exposes a {@link DtmTestCoordinator} bean to drive it. The
 * coordinator's time is virtual: nothing is retried, timed out or back-checked until the
 * test calls {@link DtmTestCoordinator#advance} or
 * {@link DtmTestCoordinator#runUntilIdle}. Faults and recorded calls are cleared before
 * each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DtmTestExtension.class)
@ImportAutoConfiguration
public @interface DtmTest {

}
