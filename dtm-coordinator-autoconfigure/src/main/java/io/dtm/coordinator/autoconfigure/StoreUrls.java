package io.dtm.coordinator.autoconfigure;

import java.util.regex.Pattern;

/**
 * A store URL fit for the log: a password in it, as a JDBC parameter or in a URL's user
 * info, is replaced by {@code ****}.
 */
final class StoreUrls {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|pwd)=[^;&,]*");

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@,]*):[^@/,]*@");

    private StoreUrls() {
    }

    static String withoutSecrets(String url) {
        if (url == null) {
            return "(no URL)";
        }
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1=****");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1:****@");
    }

}
