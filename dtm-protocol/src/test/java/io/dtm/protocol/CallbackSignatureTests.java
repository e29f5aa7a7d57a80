package io.dtm.protocol;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.dtm.protocol.CallbackSignature.Call;
import io.dtm.protocol.CallbackSignature.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallbackSignatureTests {

    private static final byte[] KEY = "0123456789abcdef-key".getBytes(StandardCharsets.UTF_8);

    private static final byte[] BODY = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);

    private static final String QUERY = "a=b&gid=g1&trans_type=xa&branch_id=01&op=rollback";

    private static final Call CALL = new Call("POST", "bank:8080", "/dtm/xa/phase2", QUERY, BODY);

    @Test
    void theCanonicalFormNamesMethodAuthorityPathDtmParametersQueryAndTime() {
        assertThat(CallbackSignature.canonical(1_700_000_000L, "ab12", CALL))
            .isEqualTo("v2\n1700000000\nab12\nPOST\nbank:8080\n/dtm/xa/phase2\n"
                    + "gid=g1&trans_type=xa&branch_id=01&op=rollback\n" + QUERY + "\n");
        // a fixed vector (computed independently), for implementations in other languages
        assertThat(CallbackSignature.mac(KEY, 1_700_000_000L, "ab12", CALL))
            .isEqualTo("2b71619aadb4b92839f3cae58f7dd14851e0fadef03c1007a81e4803d34f7dc3");
        assertThat(CallbackSignature.mac(KEY, 1_700_000_000L, "ab12",
                new Call("POST", "BANK:8080", "/dtm/xa/phase2", QUERY, BODY)))
            .isEqualTo("2b71619aadb4b92839f3cae58f7dd14851e0fadef03c1007a81e4803d34f7dc3");
        assertThat(CallbackSignature.canonical(1, "n", new Call("GET", "bank", "", null, null)))
            .isEqualTo("v2\n1\nn\nGET\nbank\n/\n\n\n");
    }

    @Test
    void aSignatureRoundTripsThroughItsHeader() {
        Header header = CallbackSignature.sign(KEY, CallbackSignature.keyId("0123456789abcdef-key"), 1_700_000_000L,
                CALL);
        assertThat(header.toString()).matches("t=1700000000,kid=[0-9a-f]{8},nonce=[0-9a-f]{24},v2=[0-9a-f]{64}");
        Header parsed = CallbackSignature.parse(header.toString());
        assertThat(parsed).isEqualTo(header);
        assertThat(CallbackSignature.matches(KEY, parsed, CALL)).isTrue();
        assertThat(CallbackSignature.matches("another-key-0123456".getBytes(StandardCharsets.UTF_8), parsed, CALL))
            .isFalse();
    }

    @Test
    void theHostTheDtmParametersAndEverythingElseAreCovered() {
        Header header = CallbackSignature.sign(KEY, "00000000", 1, CALL);
        assertThat(CallbackSignature.matches(KEY, header, new Call("POST", "other:8080", CALL.rawPath(), QUERY, BODY)))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header, new Call("POST", "bank:8081", CALL.rawPath(), QUERY, BODY)))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header,
                new Call("POST", "bank:8080", CALL.rawPath(), QUERY.replace("gid=g1", "gid=VICTIM"), BODY)))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header,
                new Call("POST", "bank:8080", CALL.rawPath(), QUERY.replace("op=rollback", "op=commit"), BODY)))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header, new Call("POST", "bank:8080", "/other", QUERY, BODY)))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header, new Call("GET", "bank:8080", CALL.rawPath(), QUERY, BODY)))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header,
                new Call("POST", "bank:8080", CALL.rawPath(), QUERY, "{}".getBytes(StandardCharsets.UTF_8))))
            .isFalse();
        assertThat(CallbackSignature.matches(KEY, header, new Call("POST", "Bank:8080", CALL.rawPath(), QUERY, BODY)))
            .isTrue();
    }

    @Test
    void aQueryRepeatingADtmParameterIsNeitherSignedNorVerified() {
        for (String query : new String[] { "gid=VICTIM&gid=g1", "gid=g1&trans_type=xa&op=rollback&op=commit",
                "g%69d=VICTIM&gid=g1", "gid&gid=g1", "dtm=a&dtm=b" }) {
            Call call = new Call("POST", "bank", "/x", query, BODY);
            assertThatIllegalArgumentException().as(query)
                .isThrownBy(() -> CallbackSignature.sign(KEY, "00000000", 1, call));
            assertThatIllegalArgumentException().as(query).isThrownBy(() -> CallbackSignature.dtmParameters(query));
        }
        assertThat(CallbackSignature.dtmParameters("op=a&x=1&x=2&branch_id=01&gid=g+1%26")).containsExactly(
                java.util.Map.entry("gid", "g 1&"), java.util.Map.entry("branch_id", "01"),
                java.util.Map.entry("op", "a"));
    }

    @Test
    void theAuthorityIsWhatAClientSendsAsHost() {
        assertThat(CallbackSignature.authority(URI.create("http://user:pw@Bank:8080/x"))).isEqualTo("Bank:8080");
        assertThat(CallbackSignature.authority(URI.create("http://[::1]:9/x"))).isEqualTo("[::1]:9");
        assertThat(CallbackSignature.normalizeAuthority("Bank:80")).isEqualTo("bank");
        assertThat(CallbackSignature.normalizeAuthority("bank:443")).isEqualTo("bank");
        assertThat(CallbackSignature.normalizeAuthority("[::1]:80")).isEqualTo("[::1]");
        assertThat(CallbackSignature.normalizeAuthority("bank:8080")).isEqualTo("bank:8080");
        Header header = CallbackSignature.sign(KEY, "00000000", 1,
                Call.of("GET", URI.create("http://bank/x?gid=g"), null));
        assertThat(CallbackSignature.matches(KEY, header, new Call("GET", "bank:80", "/x", "gid=g", null))).isTrue();
    }

    @Test
    void onlyTheCurrentSchemeParses() {
        assertThat(CallbackSignature.parse("t=1,kid=abcd0123,nonce=ab,v2=00ff")).isNotNull();
        assertThat(CallbackSignature.parse("t=1,kid=abcd0123,nonce=ab,v1=00ff")).isNull();
        assertThat(CallbackSignature.isOlderScheme("t=1,kid=abcd0123,nonce=ab,v1=00ff")).isTrue();
        assertThat(CallbackSignature.parse("t=1,kid=abcd0123,v2=00ff")).isNull();
        assertThat(CallbackSignature.parse("t=x,kid=abcd0123,nonce=ab,v2=00ff")).isNull();
        assertThat(CallbackSignature.parse("t=1,kid=abcd0123,nonce=a\nb,v2=00ff")).isNull();
        assertThat(CallbackSignature.parse("garbage")).isNull();
        assertThat(CallbackSignature.parse(null)).isNull();
    }

}
