package io.dtm.spring.support;

/**
 * Text from a request or a reply made safe for a log line: control characters (CR, LF,
 * ...) escaped, so a value cannot forge log lines, and long text cut.
 */
public final class LogText {

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            }
            else if (c == '\r') {
                out.append("\\r");
            }
            else if (c == '\t') {
                out.append("\\t");
            }
            else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The first {@code max} characters, escaped, with a note of how much was cut. */
    public static String prefix(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return escape(text);
        }
        return escape(text.substring(0, max)) + "... (" + (text.length() - max) + " more characters)";
    }

}
