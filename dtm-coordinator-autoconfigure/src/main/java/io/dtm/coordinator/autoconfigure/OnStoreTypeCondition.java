package io.dtm.coordinator.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code dtm.coordinator.store.type} names one of a store's types (case and
 * surrounding blanks ignored; h2 when none is set).
 */
abstract class OnStoreTypeCondition extends SpringBootCondition {

    static final String PROPERTY = "dtm.coordinator.store.type";

    static final Set<String> JDBC_TYPES = Set.of("h2", "mysql", "mariadb", "postgres", "postgresql");

    private final String store;

    private final Set<String> types;

    OnStoreTypeCondition(String store, Set<String> types) {
        this.store = store;
        this.types = types;
    }

    /** The store type, in lower case: h2 when none is set. */
    static String type(Environment environment) {
        return type(environment.getProperty(PROPERTY));
    }

    static String type(String configured) {
        return (configured == null || configured.isBlank()) ? "h2" : configured.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String type = type(context.getEnvironment());
        if (this.types.contains(type)) {
            return ConditionOutcome.match(PROPERTY + "=" + type + " is a " + this.store + " store");
        }
        return ConditionOutcome.noMatch(PROPERTY + "=" + type + " is not a " + this.store + " store");
    }

    static final class Jdbc extends OnStoreTypeCondition {

        Jdbc() {
            super("JDBC", JDBC_TYPES);
        }

    }

    static final class Redis extends OnStoreTypeCondition {

        Redis() {
            super("Redis", Set.of("redis"));
        }

    }

}
