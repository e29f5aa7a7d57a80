package io.dtm.spring.feign;

import feign.codec.Encoder;
import feign.form.ContentType;
import feign.form.MultipartFormContentProcessor;
import feign.form.spring.SpringFormEncoder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.cloud.openfeign.support.AbstractFormWriter;
import org.springframework.cloud.openfeign.support.FeignEncoderProperties;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.cloud.openfeign.support.PageableSpringEncoder;
import org.springframework.cloud.openfeign.support.SpringEncoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What dtm adds to the context of every Feign client.
 */
@Configuration(proxyBeanMethods = false)
public final class DtmFeignClientsConfiguration {

    /**
     * The encoder Spring Cloud OpenFeign leaves out when Spring Data is on the classpath
     * without Boot's spring-boot-data-commons, as in an application whose Redis barrier
     * runs on plain spring-data-redis: OpenFeign 5 registers its encoder only when
     * {@code Pageable} and {@code DataWebProperties} are both present or both absent
     * (spring-cloud-openfeign#1323), and every call of its clients then fails with "No
     * bean found of type interface feign.codec.Encoder". This is the encoder OpenFeign
     * builds when both are present, with Spring Data's default parameter names.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "org.springframework.data.domain.Pageable")
    @ConditionalOnMissingClass("org.springframework.boot.data.autoconfigure.web.DataWebProperties")
    Encoder dtmFeignEncoder(ObjectProvider<AbstractFormWriter> formWriter,
            ObjectProvider<FeignEncoderProperties> encoderProperties,
            ObjectProvider<FeignHttpMessageConverters> converters) {
        AbstractFormWriter writer = formWriter.getIfAvailable();
        SpringFormEncoder formEncoder = (writer != null) ? new PojoFormEncoder(writer) : new SpringFormEncoder();
        return new PageableSpringEncoder(new SpringEncoder(formEncoder,
                encoderProperties.getIfAvailable(FeignEncoderProperties::new), converters));
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

    /** Form encoding with the application's form writer first, as OpenFeign's own. */
    private static final class PojoFormEncoder extends SpringFormEncoder {

        PojoFormEncoder(AbstractFormWriter writer) {
            ((MultipartFormContentProcessor) getContentProcessor(ContentType.MULTIPART)).addFirstWriter(writer);
        }

    }

}
