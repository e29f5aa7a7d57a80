package io.dtm.coordinator.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Checks a raw query string before the servlet container parses it: a bad {@code %}
 * escape or bytes that are not UTF-8 would otherwise surface as a container exception.
 */
final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * @return what is wrong with the query string, or {@code null} when it decodes
     * cleanly
     */
    static @Nullable String problem(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String part : rawQuery.split("[&=]", -1)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c != '%') {
                    if (c > 0x7f) {
                        return "the query string holds a raw non-ASCII character: percent-encode it as UTF-8";
                    }
                    bytes.write(c);
                    continue;
                }
                if (i + 2 >= part.length() || hex(part.charAt(i + 1)) < 0 || hex(part.charAt(i + 2)) < 0) {
                    String escape = part.substring(i, Math.min(part.length(), i + 3));
                    return "the query string has a bad percent-encoding '" + escape
                            + "': write '%' followed by two hex digits, e.g. %25 for '%' itself";
                }
                bytes.write(hex(part.charAt(i + 1)) * 16 + hex(part.charAt(i + 2)));
                i += 2;
            }
            if (!isUtf8(bytes.toByteArray())) {
                return "the query string does not decode to UTF-8 text: percent-encode parameters as UTF-8";
            }
        }
        return null;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (CharacterCodingException ex) {
            return false;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

}
