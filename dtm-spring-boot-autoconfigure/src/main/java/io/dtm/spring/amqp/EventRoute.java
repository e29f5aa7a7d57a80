package io.dtm.spring.amqp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an event goes: an exchange and a routing key, checked against AMQP 0-9-1's rules
 * (names of at most 255 bytes; exchange names of letters, digits, {@code -_.:}).
 *
 * @param exchange the exchange, empty for the broker's default exchange
 * @param routingKey the routing key
 */
public record EventRoute(String exchange, String routingKey) {

    private static final Pattern EXCHANGE = Pattern.compile("[A-Za-z0-9_.:-]{0,255}");

    static final int MAX_NAME_BYTES = 255;

    /**
     * @throws InvalidEventException naming the field and its rule
     */
    public EventRoute {
        if (exchange == null) {
            throw new InvalidEventException("exchange is required (empty for the default exchange)");
        }
        if (!EXCHANGE.matcher(exchange).matches()) {
            throw new InvalidEventException("exchange must be at most 255 letters, digits, '-', '_', '.' or ':'");
        }
        if (routingKey == null) {
            throw new InvalidEventException("routing_key is required");
        }
        if (routingKey.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidEventException("routing_key must be at most 255 bytes");
        }
        if (routingKey.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEventException("routing_key must not contain control characters");
        }
    }

    void checkAllowed(List<String> allowedExchanges) {
        if (!allowedExchanges.isEmpty() && !allowedExchanges.contains(this.exchange)) {
            throw new InvalidEventException("exchange is not one of dtm.events.allowed-exchanges", 403);
        }
    }

    static void checkPayloadSize(long bytes, long max) {
        if (bytes > max) {
            throw new InvalidEventException(
                    "the event body has " + bytes + " bytes, more than dtm.events.max-payload-size (" + max + " bytes)",
                    413);
        }
    }

}
