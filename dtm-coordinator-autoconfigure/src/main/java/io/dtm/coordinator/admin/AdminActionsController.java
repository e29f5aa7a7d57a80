package io.dtm.coordinator.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.api.ApiLimits;
import io.dtm.coordinator.api.DtmReplies;
import io.dtm.coordinator.api.JsonObjectBody;
import io.dtm.protocol.Gids;
import io.dtm.protocol.TransType;

/**
 * The admin API's bulk action: {@code POST /api/admin/retry} with a JSON filter makes the
 * unfinished transactions it selects due now, at most
 * {@code dtm.coordinator.admin.max-bulk-retry} a call. Like every POST under
 * {@code /api/admin} it needs an OPERATE token.
 */
@RestController
@RequestMapping("/api/admin")
public class AdminActionsController {

    private static final List<String> FIELDS = List.of("status", "trans_type", "gid_prefix", "stuck_only", "limit");

    private static final List<String> TYPES = Stream.of(TransType.values()).map(TransType::wireName).toList();

    private static final int MAX_GID = Gids.MAX_LENGTH;

    private final BulkRetry bulkRetry;

    private final ApiLimits limits;

    public AdminActionsController(BulkRetry bulkRetry, ApiLimits limits) {
        this.bulkRetry = bulkRetry;
        this.limits = limits;
    }

    @PostMapping("/retry")
    public ResponseEntity<String> retry(HttpServletRequest request) {
        JsonObjectBody body = JsonObjectBody.read(request, limits, FIELDS);
        String status = oneOf("status", body.string("status"), BulkRetry.UNFINISHED,
                "finished transactions are never retried");
        String type = oneOf("trans_type", body.string("trans_type"), TYPES, null);
        String gidPrefix = body.string("gid_prefix");
        if (gidPrefix != null && gidPrefix.length() > MAX_GID) {
            throw new InvalidRequestException("field 'gid_prefix' is " + gidPrefix.length()
                    + " characters long; at most " + MAX_GID + " are allowed");
        }
        Long limit = body.int64("limit");
        int max = bulkRetry.maxPerCall();
        if (limit != null && (limit < 1 || limit > max)) {
            throw new InvalidRequestException("field 'limit' must be between 1 and " + max
                    + " (dtm.coordinator.admin.max-bulk-retry), got " + limit);
        }
        BulkRetry.Filter filter = new BulkRetry.Filter(status, type,
                gidPrefix == null || gidPrefix.isEmpty() ? null : gidPrefix,
                Boolean.TRUE.equals(body.bool("stuck_only")));
        BulkRetry.Result result = bulkRetry.retry(filter, limit == null ? max : limit.intValue());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("matched", result.matched());
        reply.put("reset", result.reset());
        reply.put("skipped", result.skipped());
        reply.put("more", result.more());
        reply.put("limit", limit == null ? max : limit);
        return DtmReplies.json(200, reply);
    }

    private static @Nullable String oneOf(String field, @Nullable String value, List<String> allowed,
            @Nullable String why) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw new InvalidRequestException("field '" + field + "' must be one of " + String.join(", ", allowed)
                    + (why == null ? "" : ": " + why));
        }
        return value;
    }

}
