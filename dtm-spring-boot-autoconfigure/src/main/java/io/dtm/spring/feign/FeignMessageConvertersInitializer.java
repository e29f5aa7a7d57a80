package io.dtm.spring.feign;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;

/**
 * Builds the message converters of a Feign client's context while the context starts,
 * before the client can be called.
 * <p>
 * Spring Cloud OpenFeign 5.0.1 and 5.0.2 build them on their first use, without
 * synchronization, and publish the list before filling it (spring-cloud-openfeign#1371,
 * fixed after 5.0.2): threads making the first calls of a client at once may find no
 * converter and fail with "no suitable HttpMessageConverter". A client's context is
 * handed to other threads only once started, so a list built here is complete for every
 * caller.
 */
public class FeignMessageConvertersInitializer implements SmartInitializingSingleton {

    private final ObjectProvider<FeignHttpMessageConverters> converters;

    public FeignMessageConvertersInitializer(ObjectProvider<FeignHttpMessageConverters> converters) {
        this.converters = converters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.converters.ifAvailable(FeignHttpMessageConverters::getConverters);
    }

}
