package io.dtm.samples.cache;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The product table: the price is the truth the cache follows. */
@Repository
public class Products {

    private final JdbcTemplate jdbc;

    public Products(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long price(long id) {
        Long price = this.jdbc.queryForObject("SELECT price FROM product WHERE id = ?", Long.class, id);
        if (price == null) {
            throw new IllegalStateException("product " + id + " has no price");
        }
        return price;
    }

    public void reset(long id, long price) {
        if (this.jdbc.update("UPDATE product SET price = ? WHERE id = ?", price, id) == 0) {
            this.jdbc.update("INSERT INTO product (id, price) VALUES (?, ?)", id, price);
        }
    }

}
