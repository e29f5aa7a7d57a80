package io.dtm.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request JSON read with the types dtm's Go decoder accepts: a string field takes a JSON
 * string, an int64 field an integer literal within int64, a bool field true or false, and
 * nothing is coerced; null means absent; unknown fields are ignored; field names match
 * case-insensitively, the last duplicate wins. Every error names the field and the rule,
 * never a Java type.
 */
public final class StrictJson {

    /**
     * Real dtm requests nest three levels deep (steps); this bounds the parser's
     * recursion on hostile input.
     */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final JsonMapper READER = JsonMapper
        .builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();

    private static final Pattern BACKTICKED = Pattern.compile("\\s*\\(?(from )?`[^`]*`\\)?");

    private StrictJson() {
    }

    /**
     * Decodes UTF-8 strictly: Go would silently replace bad bytes, which would then be
     * stored.
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new WireFormatException("request body is not valid UTF-8: send JSON encoded as UTF-8");
        }
    }

    public static JsonNode parse(String json) {
        try {
            return READER.readTree(json);
        }
        catch (JacksonException ex) {
            throw new WireFormatException(malformed(ex));
        }
    }

    /** A parse error as a message without parser class names or input echo. */
    public static String malformed(JacksonException ex) {
        String text = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        int source = text.indexOf("[Source");
        if (source >= 0) {
            text = text.substring(0, source);
        }
        text = BACKTICKED.matcher(text).replaceAll("").trim();
        if (text.contains("java.") || text.contains("jackson")) {
            text = "not a JSON document";
        }
        TokenStreamLocation at = ex.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + text;
    }

    /** The body's top-level object; a JSON null, array or scalar is refused. */
    public static JsonNode object(JsonNode root, String what) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new WireFormatException(what + " is null: send a JSON object");
        }
        if (!root.isObject()) {
            throw new WireFormatException("malformed JSON: " + what + " must be a JSON object, got " + kind(root));
        }
        return root;
    }

    /**
     * The fields of {@code object} whose names match one of {@code names} ignoring case,
     * keyed by that name; JSON nulls are dropped (absent), and for duplicates the last
     * one wins, as in Go.
     */
    public static Map<String, JsonNode> fields(JsonNode object, List<String> names) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            for (String name : names) {
                if (name.equalsIgnoreCase(e.getKey())) {
                    if (e.getValue().isNull()) {
                        found.remove(name);
                    }
                    else {
                        found.put(name, e.getValue());
                    }
                    break;
                }
            }
        }
        return found;
    }

    public static @Nullable String string(String field, @Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw typeError(field, "a string", value);
        }
        return checkedText(field, value.stringValue());
    }

    public static @Nullable Boolean bool(String field, @Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw typeError(field, "true or false", value);
        }
        return value.booleanValue();
    }

    /**
     * Go's int64: an integer literal (no fraction, no exponent, no quotes) within int64.
     */
    public static @Nullable Long int64(String field, @Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !value.isIntegralNumber()) {
            throw typeError(field, "an integer", value);
        }
        if (!value.canConvertToLong()) {
            throw new WireFormatException(
                    "field '" + field + "' is out of range: " + value.asString() + " does not fit a 64-bit integer");
        }
        return value.longValue();
    }

    public static @Nullable List<String> stringList(String field, @Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(field, "an array of strings", value);
        }
        List<String> list = new ArrayList<>(value.size());
        int i = 0;
        for (JsonNode item : value.values()) {
            String s = string(field + "[" + i++ + "]", item);
            list.add(s == null ? "" : s);
        }
        return list;
    }

    /**
     * Go's map[string]string: a JSON object of strings; a null value is the empty string.
     */
    public static @Nullable Map<String, String> stringMap(String field, @Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw typeError(field, "a JSON object of strings", value);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String key = checkedText(field + " key", e.getKey());
            String s = string(field + "." + key, e.getValue());
            map.put(key, s == null ? "" : s);
        }
        return map;
    }

    public static WireFormatException typeError(String field, String expected, JsonNode got) {
        return new WireFormatException("field '" + field + "' must be " + expected + ", got " + describe(got)
                + ": values are not converted between JSON types");
    }

    /**
     * Java strings may hold lone UTF-16 surrogates from {@code \ud800} escapes; no store
     * can keep them.
     */
    private static String checkedText(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                throw new WireFormatException("field '" + field + "' holds an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c) + "): send valid Unicode text");
            }
        }
        return value;
    }

    public static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static String describe(JsonNode node) {
        if (node.isContainer()) {
            return kind(node);
        }
        String text = node.toString();
        return kind(node) + " (" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ")";
    }

}
