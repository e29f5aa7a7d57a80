package io.dtm.coordinator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The tokens the coordinator accepts, kept only as SHA-256 digests: a presented token is
 * hashed and compared with every digest in constant time, so neither the comparison nor
 * the memory holds the plain value longer than needed.
 */
public final class ApiTokens {

    private static final String HOW_TO = "Set dtm.coordinator.auth.tokens[0].token (or token-sha256, the hex SHA-256"
            + " of the token) and dtm.coordinator.auth.tokens[0].role (READ or OPERATE); list several entries to"
            + " rotate tokens. Or set dtm.coordinator.auth.enabled=false to serve the API without authentication.";

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * Validates the configured tokens.
     * @throws DtmAuthConfigurationException when none is configured or one is unusable
     */
    public static ApiTokens of(List<Configured> configured) {
        if (configured == null || configured.isEmpty()) {
            throw new DtmAuthConfigurationException(
                    "dtm.coordinator.auth.enabled=true but no token is configured, so every request would be refused.",
                    HOW_TO);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            Configured c = configured.get(i);
            String key = "dtm.coordinator.auth.tokens[" + i + "]";
            byte[] digest = digestOf(c, key);
            ApiRole role = ApiRole.parse(c.role());
            if (role == null) {
                throw new DtmAuthConfigurationException(
                        key + ".role is " + (c.role() == null ? "not set" : "'" + c.role() + "'")
                                + "; it must be READ or OPERATE.",
                        "Set " + key + ".role to READ (query, all, queryKV, scanKV, newGid, version) or OPERATE"
                                + " (everything, including submit, abort and registerBranch).");
            }
            for (Entry other : entries) {
                if (MessageDigest.isEqual(other.digest, digest)) {
                    throw new DtmAuthConfigurationException(key + " repeats the token of an earlier entry.",
                            "List each token once, with the role it should have.");
                }
            }
            entries.add(new Entry(digest, new ApiGrant(role, prefixesOf(c, key))));
        }
        return new ApiTokens(List.copyOf(entries));
    }

    /**
     * The role of a presented token, or null when it is not one of the configured tokens.
     */
    public @Nullable ApiRole roleOf(String presented) {
        ApiGrant grant = grantOf(presented);
        return grant == null ? null : grant.role();
    }

    /**
     * What a presented token was granted, or null when it is not one of the configured
     * tokens.
     */
    public @Nullable ApiGrant grantOf(String presented) {
        byte[] digest = sha256(presented);
        ApiGrant found = null;
        // every entry is compared, so the time taken does not tell which one matched
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest, digest) && found == null) {
                found = entry.grant;
            }
        }
        return found;
    }

    private static List<String> prefixesOf(Configured c, String key) {
        List<String> prefixes = c.gidPrefixes() == null ? List.of() : c.gidPrefixes();
        for (int i = 0; i < prefixes.size(); i++) {
            String prefix = prefixes.get(i);
            if (prefix == null || prefix.isEmpty() || !prefix.strip().equals(prefix)) {
                throw new DtmAuthConfigurationException(
                        key + ".gid-prefixes[" + i + "] is empty or starts or ends with whitespace.",
                        "List the gid prefixes the token may use, e.g. " + key
                                + ".gid-prefixes[0]=orders-; leave the list out for every gid.");
            }
        }
        return prefixes;
    }

    private static byte[] digestOf(Configured c, String key) {
        boolean plain = c.token() != null && !c.token().isEmpty();
        boolean hashed = c.tokenSha256() != null && !c.tokenSha256().isEmpty();
        if (plain == hashed) {
            throw new DtmAuthConfigurationException(
                    key + (plain ? " sets both token and token-sha256." : " has neither token nor token-sha256."),
                    "Set exactly one of " + key + ".token and " + key + ".token-sha256 (the hex SHA-256 of the"
                            + " token, e.g. from: printf %s \"$TOKEN\" | sha256sum).");
        }
        if (plain) {
            if (!c.token().strip().equals(c.token())) {
                throw new DtmAuthConfigurationException(key + ".token starts or ends with whitespace.",
                        "Remove the whitespace: clients send the token as it is after 'Bearer '.");
            }
            return sha256(c.token());
        }
        String hex = c.tokenSha256().trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new DtmAuthConfigurationException(key + ".token-sha256 is not a SHA-256 digest in hex.",
                    "Set " + key + ".token-sha256 to the 64 hex digits printed by: printf %s \"$TOKEN\" | sha256sum");
        }
        return HexFormat.of().parseHex(hex);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    /**
     * One configured token: its plain value or its hex SHA-256, the name of its role, and
     * the gid prefixes it is limited to (empty or null: every gid).
     */
    public record Configured(String token, String tokenSha256, String role, List<String> gidPrefixes) {

        public Configured(String token, String tokenSha256, String role) {
            this(token, tokenSha256, role, List.of());
        }

    }

    private record Entry(byte[] digest, ApiGrant grant) {
    }

}
