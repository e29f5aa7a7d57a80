package io.dtm.samples.flashsale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A flash sale: the stock of each item is a counter in Redis, the orders are rows in a
 * database. A purchase is a 2-phase message whose local transaction deducts the stock in
 * Redis behind the Redis barrier and whose one branch creates the order behind the JDBC
 * barrier, so stock sold and orders created stay equal whatever fails in between.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FlashSaleApplication {

    public static void main(String[] args) {
        SpringApplication.run(FlashSaleApplication.class, args);
    }

}
