package io.dtm.coordinator.engine.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Text that came from a request or a reply, made safe to log or to keep as a message:
 * control characters (C0 such as CR, LF, tab and escape, DEL, C1 such as U+0085 NEL), the
 * Unicode line and paragraph separators (U+2028, U+2029) and the bidirectional controls
 * are escaped so a value cannot forge log lines, reorder what a terminal shows or drive
 * it; long text is cut, and credentials in headers are masked.
 */
public final class LogSafe {

    /** How much of a branch's reply body is kept in a message such as rollback_reason. */
    public static final int REPLY_PREFIX = 256;

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "x-auth-token", "x-access-token", "dtm-signature");

    private LogSafe() {
    }

    /**
     * {@code text} with every character that could break or disguise a log line written
     * as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = isUnsafe(c);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!control) {
                out.append(c);
            }
            else if (c == '\n') {
                out.append("\\n");
            }
            else if (c == '\r') {
                out.append("\\r");
            }
            else if (c == '\t') {
                out.append("\\t");
            }
            else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * C0, DEL and C1 controls, line and paragraph separators, and the bidirectional
     * formatting characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).
     */
    static boolean isUnsafe(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return true;
        }
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * The first {@code max} characters of {@code text}, escaped, with a note of how much
     * was cut.
     */
    public static String prefix(String text, int max) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > max ? text.substring(0, max) : text;
        String escaped = escape(cut);
        return text.length() > max ? escaped + "... (" + (text.length() - max) + " more characters)" : escaped;
    }

    /**
     * A branch reply body as it may appear in a message or at INFO: {@link #REPLY_PREFIX}
     * characters, escaped.
     */
    public static String reply(String body) {
        return prefix(body, REPLY_PREFIX);
    }

    /**
     * Headers for a log line: credential-bearing values replaced by {@code ****}, the
     * rest escaped.
     */
    public static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> masked.put(escape(name),
                    isSecretHeader(name) ? "****" : prefix(value, REPLY_PREFIX)));
        }
        return masked;
    }

    static boolean isSecretHeader(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(lower) || lower.contains("token") || lower.contains("secret")
                || lower.contains("password") || lower.contains("api-key");
    }

}
