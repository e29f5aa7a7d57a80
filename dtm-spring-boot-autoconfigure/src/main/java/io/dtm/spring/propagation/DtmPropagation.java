package io.dtm.spring.propagation;

import java.net.URI;
import java.util.Map;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds dtm's query parameters ({@code gid}, {@code trans_type}, {@code branch_id},
 * {@code op}, {@code dtm}) to an outbound URI when a transaction is bound. Each outbound
 * call is a new sub-branch of the bound branch; a URI that already carries a {@code gid}
 * is left alone.
 */
public final class DtmPropagation {

    private DtmPropagation() {
    }

    public static URI propagate(URI uri) {
        return propagate(uri, DtmContextHolder.get());
    }

    public static URI propagate(URI uri, @Nullable DtmTransaction transaction) {
        if (transaction == null) {
            return uri;
        }
        UriComponents components = UriComponentsBuilder.fromUri(uri).build(true);
        if (components.getQueryParams().containsKey(DtmTransaction.GID)) {
            return uri;
        }
        Map<String, String> params = transaction.nextOutboundParams();
        String encodedQuery = UriComponentsBuilder.newInstance()
            .query(toTemplate(params))
            .encode()
            .buildAndExpand(params)
            .getQuery();
        String existing = components.getQuery();
        String query = (existing == null || existing.isEmpty()) ? encodedQuery : existing + "&" + encodedQuery;
        return UriComponentsBuilder.fromUri(uri).replaceQuery(query).build(true).toUri();
    }

    private static String toTemplate(Map<String, String> params) {
        StringBuilder template = new StringBuilder();
        params.keySet().forEach((name) -> {
            if (!template.isEmpty()) {
                template.append('&');
            }
            template.append(name).append("={").append(name).append('}');
        });
        return template.toString();
    }

}
