package io.dtm.spring.annotation;

import java.util.List;

/**
 * dtm annotations that cannot work as placed; thrown at startup and explained by a
 * failure analyzer.
 */
public class InvalidDtmAnnotationsException extends IllegalStateException {

    private final List<String> problems;

    public InvalidDtmAnnotationsException(List<String> problems) {
        super("Invalid dtm annotations:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * One line per misplaced or incomplete annotation, naming the method and what to
     * change.
     */
    public List<String> problems() {
        return this.problems;
    }

}
