package io.dtm.spring.client;

/**
 * The body of a TCC global transaction: calls the branches through
 * {@link Tcc#callBranch}.
 */
@FunctionalInterface
public interface TccCallback {

    void execute(Tcc tcc) throws Exception;

}
