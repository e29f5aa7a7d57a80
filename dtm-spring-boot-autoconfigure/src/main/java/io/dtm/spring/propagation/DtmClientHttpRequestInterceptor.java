package io.dtm.spring.propagation;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Adds dtm's query parameters to {@code RestClient} and {@code RestTemplate} calls made
 * while a transaction is bound.
 */
public class DtmClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        URI uri = DtmPropagation.propagate(request.getURI());
        if (uri == request.getURI()) {
            return execution.execute(request, body);
        }
        return execution.execute(new HttpRequestWrapper(request) {

            @Override
            public URI getURI() {
                return uri;
            }

        }, body);
    }

}
