package io.dtm.samples.flashsale;

import static io.dtm.test.DtmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.dtm.samples.flashsale.FlashSale.Outcome;
import io.dtm.test.DtmTest;
import io.dtm.test.DtmTestCoordinator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The purchase under the kit's anomaly matrix (every branch call duplicated, delayed,
 * reordered, failing, its reply lost, the coordinator crashing around it), with the stock
 * in Redis and the orders on H2: stock sold always equals orders created, and the stock
 * never goes below zero.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:flashsale-kit;DB_CLOSE_DELAY=-1",
                "flashsale.redis-prefix=flashsale-kit-${random.uuid}:", "dtm.timeout-to-fail=35s" })
@DtmTest
class FlashSaleUnderFaultsTests {

    private static final long ITEM = 7;

    private static final long INITIAL = 2;

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    FlashSale sale;

    @Autowired
    Stock stock;

    @Autowired
    Orders orders;

    private final Executable soldEqualsOrdered = () -> {
        long left = this.stock.left(ITEM);
        assertThat(left).as("stock left").isBetween(0L, INITIAL);
        assertThat(this.orders.count(ITEM)).as("orders created").isEqualTo(INITIAL - left);
    };

    @BeforeEach
    void reset() {
        this.orders.deleteAll();
        this.stock.put(ITEM, INITIAL);
    }

    @Test
    void onePurchaseKeepsSoldEqualToOrderedUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.sale.buy(1, ITEM))
            .beforeEach(this::reset)
            .verify(this.soldEqualsOrdered);

        assertThat(runs).contains("without any fault").hasSizeGreaterThan(3);
    }

    @Test
    void aPurchaseOfTheLastUnitUnderEveryFaultNeverOversells() {
        List<String> runs = this.dtm.faultMatrix(() -> {
            this.sale.buy(1, ITEM);
            this.sale.buy(2, ITEM);
            this.sale.buy(3, ITEM);
        }).beforeEach(this::reset).verify(() -> {
            this.soldEqualsOrdered.execute();
            assertThat(this.stock.left(ITEM)).as("stock left after three buyers of two units").isZero();
        });

        assertThat(runs).hasSizeGreaterThan(3);
    }

    @Test
    void aBuyerWhoFindsNoStockGetsNoOrderAndTheMessageIsDropped() {
        this.stock.put(ITEM, 0);

        assertThat(this.sale.buy(1, ITEM)).isEqualTo(Outcome.SOLD_OUT);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).hasStatus("failed").hasCalls();
        assertThat(this.orders.count(ITEM)).isZero();
        assertThat(this.stock.left(ITEM)).isZero();
    }

    @Test
    void aPurchaseCreatesItsOrderOnce() {
        assertThat(this.sale.buy(1, ITEM)).isEqualTo(Outcome.ORDERED);
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("orders");
        assertThat(this.orders.count(ITEM)).isOne();
        assertThat(this.stock.left(ITEM)).isEqualTo(INITIAL - 1);
    }

}
