package io.dtm.protocol;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The signature of a call the coordinator (or a service on its behalf) makes to a
 * participant, one form for the signer and the verifier:
 * {@code Dtm-Signature: t=<unix seconds>,kid=<key id>,nonce=<hex>,v2=<hex>}, the
 * HMAC-SHA256 keyed with the signing key over <pre>
 * "v2\n" + t + "\n" + nonce + "\n" + METHOD + "\n" + authority + "\n" + raw path + "\n"
 *   + dtm parameters + "\n" + raw query + "\n" + body bytes
 * </pre>
 * <ul>
 * <li>authority: {@code host[:port]} as sent in the {@code Host} header, lower case,
 * without a port of 80 or 443;</li>
 * <li>raw path and raw query exactly as on the request line ({@code /} for an empty
 * path);</li>
 * <li>dtm parameters: {@code gid}, {@code trans_type}, {@code branch_id}, {@code op} as
 * the query holds them, in that order, those present only, each
 * {@code name=form-encoded value}, joined by {@code &}.</li>
 * </ul>
 * A query that holds one of {@link #RESERVED_PARAMETERS} more than once is neither signed
 * nor accepted: a receiver would pick one of the values, and the signer cannot know
 * which. The key id is the first 8 hex digits of the key's SHA-256.
 */
public final class CallbackSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Dtm-Signature";

    /** The scheme's version, the name of the MAC's field in the header. */
    public static final String VERSION = "v2";

    /** The parameters a signature names explicitly, in the canonical order. */
    public static final List<String> SIGNED_PARAMETERS = List.of("gid", "trans_type", "branch_id", "op");

    /**
     * The query parameters the coordinator sets on a call (and {@code dtm}, which the
     * SDKs set): never part of a URL a transaction names, never repeated in a signed
     * call.
     */
    public static final Set<String> RESERVED_PARAMETERS = Set.of("gid", "trans_type", "branch_id", "op", "dtm");

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern DIGITS = Pattern.compile("\\d{1,12}");

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,64}");

    private CallbackSignature() {
    }

    /**
     * A call as signed and as verified.
     *
     * @param method the HTTP method
     * @param authority {@code host[:port]} as sent ({@link #authority(URI)}) or as
     * received (the {@code Host} header)
     * @param rawPath the path as on the request line
     * @param rawQuery the query as on the request line, {@code null} for none
     * @param body the body bytes, {@code null} for none
     */
    public record Call(String method, String authority, String rawPath, String rawQuery, byte[] body) {

        /** The call to {@code uri}; the authority as an HTTP client sends it. */
        public static Call of(String method, URI uri, byte[] body) {
            return new Call(method, CallbackSignature.authority(uri), uri.getRawPath(), uri.getRawQuery(), body);
        }

    }

    /**
     * The fields of a {@value #HEADER} header.
     *
     * @param t the signing time, unix seconds
     * @param kid the key id
     * @param nonce random hex
     * @param mac the hex HMAC
     */
    public record Header(long t, String kid, String nonce, String mac) {

        /** The header value. */
        @Override
        public String toString() {
            return "t=" + t + ",kid=" + kid + ",nonce=" + nonce + "," + VERSION + "=" + mac;
        }

    }

    /** Signs {@code call} at {@code t} with a fresh nonce. */
    public static Header sign(byte[] key, String keyId, long t, Call call) {
        byte[] nonceBytes = new byte[12];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        return new Header(t, keyId, nonce, mac(key, t, nonce, call));
    }

    /**
     * Whether {@code header} is the signature of {@code call} with {@code key}
     * (constant-time).
     * @throws IllegalArgumentException if the call's query repeats a reserved parameter
     */
    public static boolean matches(byte[] key, Header header, Call call) {
        String expected = mac(key, header.t(), header.nonce(), call);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.mac().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The hex HMAC-SHA256 of a call.
     * @throws IllegalArgumentException if the call's query repeats a reserved parameter
     * or is not validly percent-encoded
     */
    public static String mac(byte[] key, long t, String nonce, Call call) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(canonical(t, nonce, call).getBytes(StandardCharsets.UTF_8));
            if (call.body() != null) {
                mac.update(call.body());
            }
            return HexFormat.of().formatHex(mac.doFinal());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** Everything signed but the body, which follows it. */
    static String canonical(long t, String nonce, Call call) {
        String path = (call.rawPath() == null || call.rawPath().isEmpty()) ? "/" : call.rawPath();
        String query = (call.rawQuery() != null) ? call.rawQuery() : "";
        StringBuilder dtm = new StringBuilder();
        dtmParameters(query).forEach((name, value) -> {
            if (!dtm.isEmpty()) {
                dtm.append('&');
            }
            dtm.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return VERSION + "\n" + t + "\n" + nonce + "\n" + call.method() + "\n" + normalizeAuthority(call.authority())
                + "\n" + path + "\n" + dtm + "\n" + query + "\n";
    }

    /**
     * The {@link #SIGNED_PARAMETERS} a raw query holds, decoded, in the canonical order.
     * @throws IllegalArgumentException if one of {@link #RESERVED_PARAMETERS} occurs more
     * than once, or the query is not validly percent-encoded
     */
    public static Map<String, String> dtmParameters(String rawQuery) {
        Map<String, String> found = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
                if (!RESERVED_PARAMETERS.contains(name)) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("the query repeats the parameter " + name);
                }
                found.put(name, (eq >= 0) ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "");
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : SIGNED_PARAMETERS) {
            if (found.containsKey(name)) {
                ordered.put(name, found.get(name));
            }
        }
        return ordered;
    }

    /**
     * Parses a {@value #HEADER} value; {@code null} if it is not one of this scheme (a
     * field missing or malformed, or another version).
     */
    public static @Nullable Header parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String t = fields.get("t");
        String kid = fields.get("kid");
        String nonce = fields.get("nonce");
        String mac = fields.get(VERSION);
        if (t == null || kid == null || nonce == null || mac == null || !DIGITS.matcher(t).matches()
                || !HEX.matcher(kid).matches() || !HEX.matcher(nonce).matches() || !HEX.matcher(mac).matches()) {
            return null;
        }
        return new Header(Long.parseLong(t), kid, nonce, mac);
    }

    /**
     * Whether a header value carries only a MAC of an older scheme ({@code v1=}), which
     * is not accepted.
     */
    public static boolean isOlderScheme(String value) {
        return value != null && !value.contains(VERSION + "=") && value.matches(".*(^|,)\\s*v1=.*");
    }

    /**
     * The authority a client sends for {@code uri} in its {@code Host} header:
     * {@code host[:port]}, without user info.
     */
    public static String authority(URI uri) {
        String host = (uri.getHost() != null) ? uri.getHost() : "";
        return (uri.getPort() >= 0) ? host + ":" + uri.getPort() : host;
    }

    /**
     * The canonical form of an authority: lower case, without a port of 80 or 443 (the
     * defaults, which clients may send or leave out).
     */
    public static String normalizeAuthority(String authority) {
        String a = (authority != null) ? authority.trim().toLowerCase(Locale.ROOT) : "";
        if (a.endsWith(":80") && a.lastIndexOf(':') > a.lastIndexOf(']')) {
            return a.substring(0, a.length() - 3);
        }
        if (a.endsWith(":443") && a.lastIndexOf(':') > a.lastIndexOf(']')) {
            return a.substring(0, a.length() - 4);
        }
        return a;
    }

    /** The id of a key: the first 8 hex digits of its SHA-256. */
    public static String keyId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

}
