package io.dtm.test.web;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;

/**
 * Sends a Feign client whose URL names this application with port {@code 0} (e.g.
 * {@code url = "${bank.url}"} with {@code bank.url: http://localhost:${server.port}}
 * under a random port) to the port the web server listens on. It runs before the request
 * reaches dtm's Feign client, so a recorded saga step or a TCC try holds the real port.
 */
public class LocalServerFeignInterceptor implements RequestInterceptor {

    private final LocalServerUrls urls;

    public LocalServerFeignInterceptor(LocalServerUrls urls) {
        this.urls = urls;
    }

    @Override
    public void apply(RequestTemplate template) {
        Target<?> target = template.feignTarget();
        if (target == null || template.url().startsWith("http")) {
            return;
        }
        String url = target.url();
        if (LocalServerUrls.namesPortZero(url)) {
            template.target(this.urls.resolve(url));
        }
    }

}
