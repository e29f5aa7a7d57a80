package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.support.InvalidRequestException;

class BranchUrlPolicyTests {

    private final BranchUrlPolicy open = BranchUrlPolicy.allowAll();

    @Test
    void refusesCloudMetadataAndLinkLocalAddressesWithoutAnAllowList() {
        assertThat(open.refusal("http://169.254.169.254/latest/meta-data/")).contains("metadata");
        assertThat(open.refusal("http://metadata.google.internal/computeMetadata/v1/")).isNotNull();
        assertThat(open.refusal("http://METADATA.google.internal./x")).isNotNull();
        assertThat(open.refusal("http://[fd00:ec2::254]/latest")).isNotNull();
        assertThat(open.refusal("http://100.100.100.200/latest/meta-data")).isNotNull();
        assertThat(open.refusal("http://169.254.10.20:8080/api")).isNotNull();
        assertThat(open.refusal("http://[fe80::1]:8080/api")).isNotNull();
        assertThat(open.refusal("http://[::ffff:169.254.169.254]/")).isNotNull();
    }

    @Test
    void allowsOrdinaryUrlsAndEmptyOnesAsDtmDoes() {
        assertThat(open.refusal("http://127.0.0.1:8081/api/busi/TransOut")).isNull();
        assertThat(open.refusal("https://bank.example.com/api")).isNull();
        assertThat(open.refusal("")).isNull();
        assertThat(open.refusal(null)).isNull();
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThat(open.refusal("file:///etc/passwd")).contains("not an http(s) URL");
        assertThat(open.refusal("gopher://x/")).isNotNull();
        assertThat(open.refusal("http:///nohost")).isNotNull();
        assertThat(open.refusal("http://bad host/")).contains("not a valid URL");
    }

    @Test
    void anAllowListAdmitsOnlyMatchingUrls() {
        BranchUrlPolicy policy = new BranchUrlPolicy(List.of("http://*.svc.cluster.local/**",
                "https://bank.example.com:8443/api/*/transfer", "http://127.0.0.1:*"));
        assertThat(policy.refusal("http://bank-out.prod.svc.cluster.local:8081/api/x")).isNull();
        assertThat(policy.refusal("https://bank.example.com:8443/api/v1/transfer")).isNull();
        assertThat(policy.refusal("https://bank.example.com:8443/api/v1/other")).contains("allowed-urls");
        assertThat(policy.refusal("https://bank.example.com:8443/api/v1/x/transfer")).isNotNull();
        assertThat(policy.refusal("https://bank.example.com/api/v1/transfer")).isNotNull();
        assertThat(policy.refusal("http://127.0.0.1:9999/anything")).isNull();
        assertThat(policy.refusal("http://evil.com/?.svc.cluster.local")).isNotNull();
        assertThat(policy.refusal("http://evil.com#.svc.cluster.local/")).isNotNull();
        assertThat(policy.refusal("https://bank-out.svc.cluster.local/x")).isNotNull();
    }

    @Test
    void aWildcardNeverAllowsMetadataButALiteralEntryDoes() {
        BranchUrlPolicy wildcard = new BranchUrlPolicy(List.of("http://*/**"));
        assertThat(wildcard.refusal("http://169.254.169.254/")).isNotNull();
        BranchUrlPolicy literal = new BranchUrlPolicy(List.of("http://169.254.10.20:8080/**"));
        assertThat(literal.refusal("http://169.254.10.20:8080/api")).isNull();
        assertThat(literal.refusal("http://169.254.169.254/")).isNotNull();
    }

    @Test
    void namesThatResolveToARefusedAddressAreRefusedAtConnectTime() throws Exception {
        InetAddress metadata = InetAddress.getByAddress(new byte[] { (byte) 169, (byte) 254, (byte) 169, (byte) 254 });
        assertThat(open.refusedAddress("innocent.example.com", metadata)).contains("resolves to 169.254.169.254");
        assertThat(open.refusedAddress("0xa9fea9fe", metadata)).isNotNull();
        assertThat(open.refusedAddress("localhost", InetAddress.getLoopbackAddress())).isNull();
        BranchUrlPolicy literal = new BranchUrlPolicy(List.of("http://imds.internal/**"));
        assertThat(literal.refusedAddress("imds.internal", metadata)).isNull();
    }

    @Test
    void aUrlWithAFragmentIsRefusedWhateverTheAllowList() {
        String forged = "http://participant/dtm/xa/phase2?gid=VICTIM&trans_type=xa&branch_id=01&op=rollback#";
        assertThat(open.refusal(forged)).contains("fragment");
        assertThat(open.refusal("http://participant/api/TransOut#x")).contains("fragment");
        assertThat(new BranchUrlPolicy(List.of("http://participant/**")).refusal("http://participant/a#"))
            .contains("fragment");
    }

    @Test
    void aUrlSettingAParameterTheCoordinatorSetsIsRefused() {
        for (String query : List.of("gid=VICTIM", "a=b&gid=VICTIM", "trans_type=xa", "branch_id=01", "op=rollback",
                "dtm=http://evil", "GID=VICTIM", "g%69d=VICTIM", "op", "Op=rollback&x=1")) {
            assertThat(open.refusal("http://participant/api/TransOut?" + query)).as(query)
                .contains("reserved: gid, trans_type, branch_id, op, dtm");
        }
        assertThat(open.refusal("http://participant/api/TransOut?x=%zz")).contains("not a valid URL");
    }

    @Test
    void stepUrlsWithTheirOwnQueryStayAccepted() {
        assertThat(open.refusal("http://participant/api/TransOut?a=b")).isNull();
        assertThat(open.refusal("http://participant/api/TransOut?a=b&c=&d")).isNull();
        assertThat(open.refusal("http://participant/rpc?method=TransOut")).isNull();
        assertThat(open.refusal("http://participant/api/TransOut?gidx=1&the_op=2")).isNull();
    }

    @Test
    void dotSegmentsAndEncodedDotsOrSlashesAreRefusedOutright() {
        for (String path : List.of("/allowed/../secret", "/allowed/./x", "/allowed/%2E%2E/secret",
                "/allowed/%2e%2e/secret", "/allowed/.%2e/secret", "/allowed/..%2Fsecret", "/allowed%2F..%2Fsecret",
                "/allowed/..;/secret", "/allowed/%5C..%5Csecret", "/allowed/..")) {
            assertThat(open.refusal("http://participant" + path)).as(path).isNotNull();
        }
        assertThat(open.refusal("http://participant/allowed/../secret")).contains("dot segment");
        assertThat(open.refusal("http://participant/allowed/%2E%2E/secret")).contains("encoded dot or slash");
        assertThat(open.refusal("http://participant/allowed/v1.2/x..y/.well-known")).isNull();
    }

    @Test
    void theAllowListMatchesTheNormalizedPath() {
        BranchUrlPolicy policy = new BranchUrlPolicy(List.of("http://participant/allowed/**"));
        assertThat(policy.refusal("http://participant/allowed/ok")).isNull();
        assertThat(policy.refusal("http://participant/allowed/../secret")).isNotNull();
        assertThat(policy.refusal("http://participant/allowed/%2E%2E/secret")).isNotNull();
        assertThat(policy.refusal("http://participant/allowed/..%2fsecret")).isNotNull();
        assertThat(policy.refusal("http://participant//allowed//ok")).isNull();
        assertThat(policy.refusal("http://participant//secret")).contains("allowed-urls");
        BranchUrlPolicy oneSegment = new BranchUrlPolicy(List.of("http://participant/api/*/transfer"));
        assertThat(oneSegment.refusal("http://participant/api/v1/transfer")).isNull();
        assertThat(oneSegment.refusal("http://participant/api/v1/../../admin/transfer")).isNotNull();
    }

    @Test
    void checkNamesTheField() {
        assertThatThrownBy(() -> open.check("steps[1].compensate", "http://169.254.169.254/"))
            .isInstanceOf(InvalidRequestException.class)
            .hasMessageStartingWith("steps[1].compensate: ");
    }

    @Test
    void badPatternsFailAtStartup() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BranchUrlPolicy(List.of("bank:8080")))
            .withMessageContaining("needs a scheme");
        assertThatIllegalArgumentException().isThrownBy(() -> new BranchUrlPolicy(List.of("ftp://x")));
        assertThatIllegalArgumentException().isThrownBy(() -> new BranchUrlPolicy(List.of("http://x:port")));
    }

}
