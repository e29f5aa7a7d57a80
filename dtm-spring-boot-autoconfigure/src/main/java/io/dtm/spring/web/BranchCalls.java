package io.dtm.spring.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtm.spring.context.DtmTransaction;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Reads dtm's parameters from a request's query string (never from a form body), and
 * tells the coordinator's calls to a branch from the application's other requests: a
 * branch call carries all of dtm's {@code gid}, {@code trans_type}, {@code branch_id} and
 * {@code op}. A request that merely carries a {@code gid} is not one.
 */
public final class BranchCalls {

    private static final List<String> PARAMETERS = List.of(DtmTransaction.GID, DtmTransaction.TRANS_TYPE,
            DtmTransaction.BRANCH_ID, DtmTransaction.OP, DtmTransaction.DTM);

    private BranchCalls() {
    }

    public static boolean isBranchCall(HttpServletRequest request) {
        DtmTransaction transaction = transaction(request.getQueryString());
        return transaction != null && transaction.branchId() != null && StringUtils.hasText(transaction.op());
    }

    /**
     * The transaction named by dtm's parameters in {@code queryString}, or {@code null}
     * when it names none.
     */
    public static DtmTransaction transaction(String queryString) {
        if (queryString == null || !queryString.contains(DtmTransaction.GID)) {
            return null;
        }
        MultiValueMap<String, String> raw = UriComponentsBuilder.newInstance()
            .query(queryString)
            .build()
            .getQueryParams();
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            String value = raw.getFirst(name);
            if (value != null) {
                params.put(name, UriUtils.decode(value, StandardCharsets.UTF_8));
            }
        }
        return DtmTransaction.fromParameters(params);
    }

}
