package io.dtm.coordinator.admin;

import io.dtm.coordinator.admin.ui.AdminUi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The admin UI's page at {@code /admin}, {@code /admin/} and {@code /admin/index.html}:
 * one HTML file whose {@code <base>} points at {@code /admin/} under the application's
 * context path, so its relative links work from each of those addresses. The other files
 * are served as static resources.
 */
@RestController
public class AdminUiController {

    private static final String BASE_PLACEHOLDER = "<base href=\"./\">";

    private final String index;

    public AdminUiController() {
        try (InputStream in = new ClassPathResource(AdminUi.LOCATION + AdminUi.INDEX).getInputStream()) {
            this.index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("the admin UI's " + AdminUi.INDEX + " is missing from the classpath", ex);
        }
        if (!index.contains(BASE_PLACEHOLDER)) {
            throw new IllegalStateException("the admin UI's " + AdminUi.INDEX + " has no " + BASE_PLACEHOLDER);
        }
    }

    @GetMapping({ "/admin", "/admin/", "/admin/" + AdminUi.INDEX })
    public ResponseEntity<String> index(HttpServletRequest request) {
        String base = HtmlUtils.htmlEscape(request.getContextPath() + "/admin/");
        return ResponseEntity.ok()
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noCache())
            .body(index.replace(BASE_PLACEHOLDER, "<base href=\"" + base + "\">"));
    }

}
