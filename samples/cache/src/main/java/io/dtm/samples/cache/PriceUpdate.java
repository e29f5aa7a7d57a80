package io.dtm.samples.cache;

/** The message branch's body: which product's cache entry to mark deleted. */
public record PriceUpdate(long id) {

}
