package io.dtm.bench;

/**
 * The body of the annotation cases' calls, as a user's DTO: {@code {"amount":30}}.
 */
public record Amount(long amount) {

    static final Amount THIRTY = new Amount(30);

}
