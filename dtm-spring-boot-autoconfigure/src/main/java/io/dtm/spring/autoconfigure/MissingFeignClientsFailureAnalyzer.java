package io.dtm.spring.autoconfigure;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * Explains a missing bean whose type is a {@code @FeignClient} interface: its client was
 * never created because no {@code @EnableFeignClients} scans its package. Ahead of Spring
 * Boot's generic analysis of a missing bean.
 */
class MissingFeignClientsFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
        implements Ordered {

    static final String FEIGN_CLIENT = "org.springframework.cloud.openfeign.FeignClient";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        ResolvableType type = cause.getResolvableType();
        Class<?> beanType = (type != null) ? type.resolve() : cause.getBeanType();
        if (beanType == null || !beanType.isInterface() || !MergedAnnotations.from(beanType).isPresent(FEIGN_CLIENT)) {
            return null;
        }
        String name = beanType.getSimpleName();
        return new FailureAnalysis("No bean of the Feign client " + beanType.getName()
                + " exists: it is an interface annotated @FeignClient, and Feign clients are created only where "
                + "@EnableFeignClients scans for them.",
                "Add @EnableFeignClients to the application's @SpringBootApplication class (its package and those "
                        + "below are scanned), or @EnableFeignClients(clients = " + name
                        + ".class) where the client lives in another package.",
                cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
