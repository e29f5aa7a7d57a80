package io.dtm.spring.client;

/**
 * The body of an XA global transaction: calls the branches through {@link Xa#callBranch}.
 */
@FunctionalInterface
public interface XaCallback {

    void execute(Xa xa) throws Exception;

}
