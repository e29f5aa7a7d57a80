package io.dtm.compat.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The coordinator, embedded in an application of its own, and its HTTP API. */
@SpringBootConfiguration
@EnableAutoConfiguration
class CoordinatorApp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(CoordinatorApp.class).web(WebApplicationType.SERVLET)
            .properties(Map.of("server.port", "0", "spring.main.banner-mode", "off", "dtm.coordinator.enabled", "true",
                    "dtm.coordinator.cron-interval", "200ms", "dtm.coordinator.max-retry-interval", "1s",
                    "spring.application.name", "dtm-coordinator"))
            .properties(properties)
            .run();
    }

    static String api(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port") + "/api/dtmsvr";
    }

    static JsonNode post(ConfigurableApplicationContext ctx, String route, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api(ctx) + route))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(route + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode query(ConfigurableApplicationContext ctx, String gid) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(api(ctx) + "/query?gid=" + gid)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static String status(ConfigurableApplicationContext ctx, String gid) throws Exception {
        return query(ctx, gid).path("transaction").path("status").asString();
    }

}
