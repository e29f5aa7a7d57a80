package io.dtm.samples.events;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders?item=book&quantity=2} places an order; {@code GET /orders/{id}}
 * shows whether it was ordered and how many times it was billed (1 once its event
 * arrived).
 */
@RestController
class OrdersController {

    private final Orders orders;

    private final JdbcTemplate jdbc;

    OrdersController(Orders orders, JdbcTemplate jdbc) {
        this.orders = orders;
        this.jdbc = jdbc;
    }

    @PostMapping("/orders")
    Map<String, String> place(@RequestParam String item, @RequestParam int quantity) {
        String orderId = UUID.randomUUID().toString();
        this.orders.place(orderId, item, quantity);
        return Map.of("orderId", orderId);
    }

    @GetMapping("/orders/{orderId}")
    Map<String, Object> show(@PathVariable String orderId) {
        return Map.of("orderId", orderId, "ordered", count("SELECT COUNT(*) FROM orders WHERE order_id = ?", orderId),
                "billed", count("SELECT COUNT(*) FROM billing WHERE order_id = ?", orderId));
    }

    private int count(String sql, String orderId) {
        Integer count = this.jdbc.queryForObject(sql, Integer.class, orderId);
        return (count != null) ? count : 0;
    }

}
