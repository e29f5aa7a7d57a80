package io.dtm.samples.flashsale;

/** One buyer's purchase of one unit of an item: the body of the order branch. */
public record OrderRequest(long user, long item) {

}
