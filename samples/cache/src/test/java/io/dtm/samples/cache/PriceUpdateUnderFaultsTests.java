package io.dtm.samples.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.dtm.test.DtmTest;
import io.dtm.test.DtmTestCoordinator;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cache.CacheManager;

/**
 * A price update under the kit's anomaly matrix (the mark-deleted branch duplicated,
 * delayed, failing, its reply lost, the coordinator crashing around it): once the message
 * is done, a read through the cache returns the database's price.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:cache-kit;DB_CLOSE_DELAY=-1",
                "samples.cache.key-prefix=dtm-sample-cache-kit-${random.uuid}:", "dtm.timeout-to-fail=35s" })
@DtmTest
class PriceUpdateUnderFaultsTests {

    private static final long PRODUCT = 1;

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    PriceService prices;

    @Autowired
    PriceReader reader;

    @Autowired
    Products products;

    @Autowired
    CacheManager caches;

    @Test
    void theCacheEndsWithTheCommittedPriceUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.prices.addToPrice(PRODUCT, 10))
            .beforeEach(this::priceCachedAt100)
            .verify(() -> assertThat(this.reader.price(PRODUCT)).as("price read through the cache")
                .isEqualTo(this.products.price(PRODUCT))
                .isEqualTo(110));

        assertThat(runs).contains("without any fault").hasSizeGreaterThan(3);
    }

    private void priceCachedAt100() {
        this.products.reset(PRODUCT, 100);
        this.caches.getCache(PriceReader.CACHE).evict(PRODUCT);
        assertThat(this.reader.price(PRODUCT)).isEqualTo(100);
    }

}
