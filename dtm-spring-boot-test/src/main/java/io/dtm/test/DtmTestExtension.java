package io.dtm.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts each test of a {@link DtmTest} with no armed fault, no recorded call and no
 * unfinished transaction, and fails a test that ends with requests still held back.
 */
public class DtmTestExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, SpringBootTest.class)) {
            throw new IllegalStateException("@DtmTest on " + testClass.getName() + " runs the coordinator in a Spring"
                    + " Boot test: add @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
        }
        SpringExtension.getApplicationContext(context).getBean(DtmTestCoordinator.class).reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBean(DtmTestCoordinator.class).verifyNothingHeld();
    }

}
