package io.dtm.spring.annotation.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.dtm.protocol.Gids;
import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The {@code gid} of an initiator annotation: a SpEL expression over the method's
 * parameters, parsed and checked against the parameter names once (at startup, by the
 * annotation validator), evaluated on every call.
 */
final class InitiatorGid {

    private static final SpelExpressionParser parser = new SpelExpressionParser();

    private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

    /** The names {@link MethodBasedEvaluationContext} gives parameters by position. */
    private static final Pattern POSITIONAL = Pattern.compile("[ap][0-9]+");

    private final String source;

    private final Expression expression;

    private final String description;

    private InitiatorGid(String source, Expression expression, String description) {
        this.source = source;
        this.expression = expression;
        this.description = description;
    }

    /**
     * @return {@code null} for an empty {@code gid}: the coordinator's new gid
     * @throws IllegalStateException if the expression does not parse or names a variable
     * that is not a parameter of the method
     */
    static @Nullable InitiatorGid of(Class<? extends Annotation> annotation, String source, Method method) {
        if (source == null || source.isBlank()) {
            return null;
        }
        String description = "The gid \"" + source + "\" of @" + annotation.getSimpleName() + " on "
                + AnnotatedMethods.describe(method);
        Expression expression;
        try {
            expression = parser.parseExpression(source);
        }
        catch (ParseException ex) {
            throw new IllegalStateException(description + " is not a SpEL expression: " + ex.getMessage()
                    + ". Write it like \"'transfer-' + #request.id\"", ex);
        }
        String[] names = parameterNames.getParameterNames(method);
        List<String> unknown = new ArrayList<>();
        if (expression instanceof SpelExpression spel) {
            collectUnknownVariables(spel.getAST(), (names != null) ? Arrays.asList(names) : List.of(), unknown);
        }
        if (!unknown.isEmpty()) {
            String known = (names == null) ? "unnamed (compile with -parameters, or use #p0, #p1, ...)"
                    : (names.length == 0) ? "none" : "#" + String.join(", #", names);
            throw new IllegalStateException(description + " refers to " + String.join(", ", unknown)
                    + ", which is not a parameter of the method; its parameters: " + known);
        }
        return new InitiatorGid(source, expression, description);
    }

    private static void collectUnknownVariables(SpelNode node, List<String> parameters, List<String> unknown) {
        if (node instanceof VariableReference) {
            String name = node.toStringAST().substring(1);
            if (!parameters.contains(name) && !POSITIONAL.matcher(name).matches() && !name.equals("root")
                    && !name.equals("this")) {
                unknown.add("#" + name);
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectUnknownVariables(node.getChild(i), parameters, unknown);
        }
    }

    /**
     * The gid for a call with {@code arguments}.
     * @throws IllegalArgumentException if the expression fails, gives null or gives a gid
     * the coordinator would not store as is
     */
    String evaluate(Method method, Object[] arguments) {
        Object value;
        try {
            value = this.expression.getValue(new MethodBasedEvaluationContext(null, method, arguments, parameterNames));
        }
        catch (EvaluationException ex) {
            throw new IllegalArgumentException(this.description + " could not be evaluated: " + ex.getMessage(), ex);
        }
        if (value == null) {
            throw new IllegalArgumentException(this.description + " gave null: the transaction needs a gid");
        }
        try {
            return Gids.check(value.toString());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(this.description + " gave an invalid gid: " + ex.getMessage(), ex);
        }
    }

    @Override
    public String toString() {
        return this.source;
    }

}
