package io.dtm.spring.feign;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What dtm adds to the context of every Feign client.
 */
@Configuration(proxyBeanMethods = false)
public final class DtmFeignClientsConfiguration {

    @Bean
    FeignMessageConvertersInitializer dtmFeignMessageConvertersInitializer(
            ObjectProvider<FeignHttpMessageConverters> converters) {
        return new FeignMessageConvertersInitializer(converters);
    }

    /**
     * The specification that adds this configuration to every Feign client's context, as
     * {@code @EnableFeignClients(defaultConfiguration = ...)} would.
     */
    public static FeignClientSpecification specification() {
        // "default" as class name, as for @EnableFeignClients' default configuration: it
        // names no Feign client bean
        return new FeignClientSpecification("default." + DtmFeignClientsConfiguration.class.getName(), "default",
                new Class<?>[] { DtmFeignClientsConfiguration.class });
    }

}
