package io.dtm.spring.web;

import java.util.List;

import io.dtm.spring.context.DtmTransaction;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Tells the coordinator's calls to a branch from the application's other requests: a
 * branch call carries all of dtm's {@code gid}, {@code trans_type}, {@code branch_id} and
 * {@code op} in its query string (never read from a form body). A request that merely
 * carries a {@code gid} is not one.
 */
public final class BranchCalls {

    private static final List<String> REQUIRED = List.of(DtmTransaction.GID, DtmTransaction.TRANS_TYPE,
            DtmTransaction.OP);

    private BranchCalls() {
    }

    public static boolean isBranchCall(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !query.contains(DtmTransaction.GID)) {
            return false;
        }
        MultiValueMap<String, String> params = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        return params.containsKey(DtmTransaction.BRANCH_ID)
                && REQUIRED.stream().allMatch((name) -> StringUtils.hasText(params.getFirst(name)));
    }

}
