package io.dtm.spring.annotation;

/**
 * The signed end-to-end flows with the coordinator on its default store, H2 (in memory).
 */
class SignedCallbackTests extends AbstractSignedCallbackTests {

    @Override
    String storeName() {
        return "h2";
    }

    @Override
    String[] storeProperties() {
        return new String[] { "dtm.coordinator.store.type=h2",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:signed-dtm;DB_CLOSE_DELAY=-1" };
    }

}
