package io.dtm.spring.feign;

import feign.codec.Encoder;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.support.PageableSpringEncoder;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dtm adds an encoder to a Feign client's context only where Spring Cloud OpenFeign
 * leaves it out (see {@link FeignEncoderWithoutBootDataCommonsTests}).
 */
class DtmFeignClientsConfigurationTests {

    @Test
    void openFeignsOwnEncoderWhenBootsDataWebSupportIsPresent() {
        assertThat(ClassUtils.isPresent(FeignEncoderWithoutBootDataCommonsTests.DATA_WEB_PROPERTIES, null)).isTrue();
        FeignEncoderWithoutBootDataCommonsTests.RUNNER.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FeignClientFactory.class).getInstances("encoder-accounts", Encoder.class))
                .containsOnlyKeys("feignEncoderPageable")
                .allSatisfy((name, encoder) -> assertThat(encoder).isInstanceOf(PageableSpringEncoder.class));
        });
    }

}
