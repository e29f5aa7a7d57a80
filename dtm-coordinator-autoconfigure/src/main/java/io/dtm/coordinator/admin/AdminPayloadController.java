package io.dtm.coordinator.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.TransNotFoundException;
import io.dtm.coordinator.api.DtmReplies;
import io.dtm.protocol.Gids;
import io.dtm.protocol.TransBranch;

/**
 * One branch's payload, for the admin UI's "show payload": {@code GET
 * /api/admin/payload?gid=&branch_id=&op=}, fetched only when asked for. A payload is at
 * most what the store keeps (64 KiB); UTF-8 text comes back as text, anything else as
 * base64.
 */
@RestController
@RequestMapping("/api/admin")
public class AdminPayloadController {

    private static final int MAX_GID = Gids.MAX_LENGTH;

    private static final int MAX_ID = 64;

    private final TransService transactions;

    public AdminPayloadController(TransService transactions) {
        this.transactions = transactions;
    }

    @GetMapping("/payload")
    public ResponseEntity<String> payload(HttpServletRequest request) {
        AdminParams p = AdminParams.of(request, "gid", "branch_id", "op");
        String gid = p.required("gid", MAX_GID);
        String branchId = p.required("branch_id", MAX_ID);
        String op = p.required("op", MAX_ID);
        TransService.QueryResult result = transactions.query(gid);
        if (result.transaction() == null) {
            throw new TransNotFoundException(gid);
        }
        TransBranch branch = result.branches()
            .stream()
            .filter(b -> branchId.equals(b.getBranchId()) && op.equals(b.getOp()))
            .findFirst()
            .orElse(null);
        if (branch == null) {
            return DtmReplies.json(404,
                    Map.of("message", "transaction " + gid + " has no branch " + branchId + " with operation " + op));
        }
        byte[] data = branch.getBinData();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("branch_id", branchId);
        reply.put("op", op);
        reply.put("bytes", data.length);
        String text = utf8(data);
        reply.put("encoding", text == null ? "base64" : "text");
        reply.put("payload", text == null ? Base64.getEncoder().encodeToString(data) : text);
        return DtmReplies.json(200, reply);
    }

    private static @Nullable String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data))
                .toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

}
