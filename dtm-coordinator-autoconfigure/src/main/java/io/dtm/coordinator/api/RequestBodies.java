package io.dtm.coordinator.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.protocol.Gids;
import io.dtm.protocol.StrictJson;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransRequestReader;

/**
 * Reads request bodies with dtm's Go types (see {@link StrictJson}) into the engine's
 * request types, and applies the API's size caps, all before anything reaches the engine.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The raw request body whatever its content type (clients such as {@code curl -d}
     * send JSON as a form post), at most {@link ApiLimits#maxBodyBytes()}. Usually
     * {@link DtmApiRequestFilter} has received it already.
     */
    static byte[] read(HttpServletRequest request, ApiLimits limits) {
        if (request.getAttribute(DtmApiRequestFilter.BODY_ATTRIBUTE) instanceof byte[] body) {
            return body;
        }
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            throw ApiException.tooLarge(limits.maxBodyBytes());
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes() + 1));
            if (body.length > limits.maxBodyBytes()) {
                throw ApiException.tooLarge(limits.maxBodyBytes());
            }
            return body;
        }
        catch (IOException ex) {
            throw new InvalidRequestException("the request body could not be read: the connection failed");
        }
    }

    /** The body as a JSON document; an empty body is refused. */
    static JsonNode json(byte[] body) {
        String text = StrictJson.utf8(body);
        if (text.isBlank()) {
            throw new InvalidRequestException("request body is empty: send a JSON object");
        }
        return StrictJson.parse(text);
    }

    static TransRequest trans(JsonNode root, ApiLimits limits) {
        TransRequest request = TransRequestReader.read(root);
        request.setGid(Gids.clean(request.getGid()));
        if (request.getSteps() != null && request.getSteps().size() > limits.maxSteps()) {
            throw new InvalidRequestException("steps has " + request.getSteps().size() + " entries; at most "
                    + limits.maxSteps() + " are allowed (dtm.coordinator.limits.max-steps)");
        }
        checkPayloadSizes(request, limits);
        return request;
    }

    /**
     * registerBranch takes a flat object whose values are all strings
     * (docs/protocol.md#registerbranch); keys match exactly.
     */
    static Map<String, String> stringMap(JsonNode root, ApiLimits limits) {
        JsonNode object = StrictJson.object(root, "request body");
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode value = e.getValue();
            if (!value.isNull() && !value.isString()) {
                throw new InvalidRequestException("field '" + e.getKey() + "' must be a string, got "
                        + StrictJson.kind(value) + ": registerBranch takes string values only");
            }
            values.put(e.getKey(), StrictJson.string(e.getKey(), value));
        }
        String data = values.get("data");
        if (data != null && utf8Length(data) > limits.maxStepPayloadBytes()) {
            throw new InvalidRequestException("data is " + utf8Length(data) + " bytes; at most "
                    + limits.maxStepPayloadBytes() + " are allowed (dtm.coordinator.limits.max-step-payload-size)");
        }
        return values;
    }

    private static void checkPayloadSizes(TransRequest r, ApiLimits limits) {
        List<String> payloads = r.getPayloads() == null ? List.of() : r.getPayloads();
        for (int i = 0; i < payloads.size(); i++) {
            long size = utf8Length(payloads.get(i));
            if (size > limits.maxStepPayloadBytes()) {
                throw new InvalidRequestException("payloads[" + i + "] is " + size + " bytes; at most "
                        + limits.maxStepPayloadBytes() + " are allowed (dtm.coordinator.limits.max-step-payload-size):"
                        + " keep branch payloads small and pass references to large data");
            }
        }
        List<Map<String, String>> steps = r.getSteps() == null ? List.of() : r.getSteps();
        for (int i = 0; i < steps.size(); i++) {
            String data = steps.get(i) == null ? null : steps.get(i).get("data");
            long size = utf8Length(data) + (i < payloads.size() ? utf8Length(payloads.get(i)) : 0);
            if (data != null && size > limits.maxStepPayloadBytes()) {
                throw new InvalidRequestException("steps[" + i + "].data makes the step's body " + size
                        + " bytes; at most " + limits.maxStepPayloadBytes() + " are allowed"
                        + " (dtm.coordinator.limits.max-step-payload-size)");
            }
        }
    }

    private static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }

}
