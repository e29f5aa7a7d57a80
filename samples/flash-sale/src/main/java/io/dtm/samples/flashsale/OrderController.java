package io.dtm.samples.flashsale;

import io.dtm.spring.annotation.DtmBarrier;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message's branch: creates the order in the local transaction of the JDBC barrier,
 * so a repeated or late delivery creates nothing more.
 */
@RestController
@RequestMapping(OrderController.PATH)
public class OrderController {

    public static final String PATH = "/api/flashsale";

    public static final String CREATE_ORDER = "/orders";

    private final Orders orders;

    private final OrderFailures failures;

    public OrderController(Orders orders, OrderFailures failures) {
        this.orders = orders;
        this.failures = failures;
    }

    @DtmBarrier
    @PostMapping(CREATE_ORDER)
    public void createOrder(@RequestParam String gid, @RequestBody OrderRequest request) {
        this.failures.maybeFail();
        this.orders.create(gid, request);
    }

}
