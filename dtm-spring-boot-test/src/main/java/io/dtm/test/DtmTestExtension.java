package io.dtm.test;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Starts each test of a {@link DtmTest} with no armed fault and no recorded call. */
public class DtmTestExtension implements BeforeEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		SpringExtension.getApplicationContext(context).getBean(DtmTestCoordinator.class).reset();
	}

}
