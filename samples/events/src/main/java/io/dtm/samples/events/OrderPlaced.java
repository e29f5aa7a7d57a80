package io.dtm.samples.events;

/**
 * The event of an order committed by {@link Orders}.
 *
 * @param orderId the order
 * @param item what was ordered
 * @param quantity how many
 */
public record OrderPlaced(String orderId, String item, int quantity) {

}
