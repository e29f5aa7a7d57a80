package io.dtm.coordinator.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import io.dtm.coordinator.engine.support.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of one admin request, each checked against its rule: an unknown or
 * repeated parameter, or a value that breaks its rule, is refused with a message naming
 * the parameter and the rule. An empty value counts as absent.
 */
final class AdminParams {

    /** 9999-12-31T23:59:59.999Z, the last instant every store's time column can hold. */
    private static final Instant MAX_INSTANT = Instant.ofEpochMilli(253_402_300_799_999L);

    private final Map<String, String[]> values;

    private AdminParams(Map<String, String[]> values) {
        this.values = values;
    }

    static AdminParams of(HttpServletRequest request, String... allowed) {
        Set<String> names = Set.of(allowed);
        Map<String, String[]> values = request.getParameterMap();
        for (Map.Entry<String, String[]> e : values.entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new InvalidRequestException(
                        "unknown query parameter '" + shorten(e.getKey()) + "': " + (names.isEmpty()
                                ? "this route takes none" : "use " + String.join(", ", new TreeSet<>(names))));
            }
            if (e.getValue().length > 1) {
                throw new InvalidRequestException("query parameter '" + e.getKey() + "' is given " + e.getValue().length
                        + " times; give it once");
            }
        }
        return new AdminParams(values);
    }

    /**
     * Text of at most {@code maxLength} characters without control characters;
     * {@code null} when absent.
     */
    @Nullable String text(String name, int maxLength) {
        String[] v = values.get(name);
        if (v == null || v[0].isEmpty()) {
            return null;
        }
        String value = v[0];
        if (value.length() > maxLength) {
            throw new InvalidRequestException("query parameter '" + name + "' is " + value.length()
                    + " characters long; at most " + maxLength + " are allowed");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("query parameter '" + name + "' must not contain control characters");
        }
        return value;
    }

    String required(String name, int maxLength) {
        String value = text(name, maxLength);
        if (value == null) {
            throw new InvalidRequestException("query parameter '" + name + "' is required");
        }
        return value;
    }

    /** One of {@code allowed}, compared exactly; {@code null} when absent. */
    String oneOf(String name, List<String> allowed) {
        String value = text(name, 64);
        if (value != null && !allowed.contains(value)) {
            throw new InvalidRequestException("query parameter '" + name + "' must be one of "
                    + String.join(", ", allowed) + "; got '" + shorten(value) + "'");
        }
        return value;
    }

    /** An ISO-8601 instant such as 2026-01-31T12:00:00Z; {@code null} when absent. */
    @Nullable Instant instant(String name) {
        String value = text(name, 40);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(MAX_INSTANT)) {
                throw new InvalidRequestException("query parameter '" + name + "' must be between " + Instant.EPOCH
                        + " and " + MAX_INSTANT + "; got '" + value + "'");
            }
            return instant;
        }
        catch (DateTimeParseException ex) {
            throw new InvalidRequestException("query parameter '" + name + "' must be an ISO-8601 instant in UTC, "
                    + "such as 2026-01-31T12:00:00Z; got '" + shorten(value) + "'");
        }
    }

    /** A whole number within [min, max]; {@code fallback} when absent. */
    long number(String name, long fallback, long min, long max) {
        String value = text(name, 20);
        if (value == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException("query parameter '" + name + "' must be a whole number between " + min
                    + " and " + max + "; got '" + shorten(value) + "'");
        }
        if (n < min || n > max) {
            throw new InvalidRequestException(
                    "query parameter '" + name + "' must be between " + min + " and " + max + "; got " + n);
        }
        return n;
    }

    /**
     * A paging position as a page's {@code next_position} gave it (a positive number);
     * {@code null} when absent.
     */
    @Nullable String position(String name) {
        String value = text(name, 20);
        if (value == null) {
            return null;
        }
        boolean valid = value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')
                && Long.parseLong(value) > 0;
        if (!valid) {
            throw new InvalidRequestException("query parameter '" + name + "' must be the next_position of the "
                    + "previous page (a positive whole number); got '" + shorten(value) + "'");
        }
        return value;
    }

    static void requireOrder(String fromName, Instant from, String toName, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequestException(
                    "query parameter '" + fromName + "' must not be after '" + toName + "'; got " + from + " > " + to);
        }
    }

    private static String shorten(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return out.toString();
    }

}
