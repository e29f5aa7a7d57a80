package io.dtm.coordinator.admin.ui;

import java.util.regex.Pattern;

/**
 * Where the admin UI's static files live: flat in {@code dtm-admin/} on the classpath,
 * served under {@code /admin/}. They hold no data (the pages fetch everything from
 * {@code /api/admin} with the token the user types in), so they are served without a
 * token; every other route under {@code /admin} stays guarded.
 */
public final class AdminUi {

    /** Classpath folder of the files. */
    public static final String LOCATION = "dtm-admin/";

    public static final String INDEX = "index.html";

    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(?:html|js|css|svg|png)");

    private AdminUi() {
    }

    /**
     * Whether {@code path} (within the application) names the UI's index or one of its
     * files.
     */
    public static boolean isUiFile(String path) {
        if (path.equals("/admin") || path.equals("/admin/")) {
            return true;
        }
        if (!path.startsWith("/admin/")) {
            return false;
        }
        String name = path.substring("/admin/".length());
        return FILE_NAME.matcher(name).matches() && AdminUi.class.getClassLoader().getResource(LOCATION + name) != null;
    }

}
