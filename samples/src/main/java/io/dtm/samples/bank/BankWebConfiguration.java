package io.dtm.samples.bank;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Logs the bank's calls, and dtm's XA phase-2 callbacks, for the printed summary. */
@Configuration(proxyBeanMethods = false)
class BankWebConfiguration implements WebMvcConfigurer {

    private final CallLog log;

    BankWebConfiguration(CallLog log) {
        this.log = log;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CallLogInterceptor(this.log)).addPathPatterns("/api/bank/**", "/dtm/xa/**");
    }

}
