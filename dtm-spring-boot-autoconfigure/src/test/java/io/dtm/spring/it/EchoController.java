package io.dtm.spring.it;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers with the transaction the inbound filter bound for this request.
 */
@RestController
public class EchoController {

    @RequestMapping("/api/echo")
    public Map<String, String> echo() {
        return describe(DtmContextHolder.get());
    }

    static Map<String, String> describe(DtmTransaction transaction) {
        Map<String, String> reply = new LinkedHashMap<>();
        if (transaction != null) {
            reply.put("gid", transaction.gid());
            reply.put("trans_type", transaction.transType());
            reply.put("branch_id", transaction.branchId());
            reply.put("op", transaction.op());
            reply.put("dtm", transaction.dtm());
        }
        return reply;
    }

}
