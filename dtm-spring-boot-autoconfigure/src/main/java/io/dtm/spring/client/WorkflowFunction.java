package io.dtm.spring.client;

/**
 * A registered workflow. It calls branches through the {@link Workflow} it is given; what
 * it returns is the workflow's result ({@code byte[]} as is, a {@code String} as UTF-8,
 * anything else as JSON). Throwing {@link DtmFailureException} rolls the workflow back;
 * any other exception leaves it to be resumed.
 */
@FunctionalInterface
public interface WorkflowFunction {

    Object execute(Workflow workflow, byte[] data) throws Exception;

}
