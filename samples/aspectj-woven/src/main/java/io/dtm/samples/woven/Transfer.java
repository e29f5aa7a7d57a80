package io.dtm.samples.woven;

/**
 * A transfer of {@code amount}; {@code failIn} makes the TransIn step refuse, so the saga
 * compensates.
 */
public record Transfer(long amount, boolean failIn) {
}
