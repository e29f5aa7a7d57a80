package io.dtm.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Configured tokens: plain or hashed, several at once for rotation, and the settings
 * refused at startup.
 */
class ApiTokensTests {

    @Test
    void plainAndHashedTokensBothMatchAndRotationListsSeveral() {
        ApiTokens tokens = ApiTokens.of(List.of(
                new ApiTokens.Configured("old-token", null, "OPERATE"), new ApiTokens.Configured(null,
                        HexFormat.of().formatHex(ApiTokens.sha256("new-token")).toUpperCase(), "OPERATE"),
                new ApiTokens.Configured("viewer", null, "read")));
        assertThat(tokens.roleOf("old-token")).isEqualTo(ApiRole.OPERATE);
        assertThat(tokens.roleOf("new-token")).isEqualTo(ApiRole.OPERATE);
        assertThat(tokens.roleOf("viewer")).isEqualTo(ApiRole.READ);
        assertThat(tokens.roleOf("Viewer")).isNull();
        assertThat(tokens.roleOf("")).isNull();
    }

    @Test
    void aTokenCanBeLimitedToGidPrefixes() {
        ApiTokens tokens = ApiTokens.of(List.of(new ApiTokens.Configured("orders", null, "OPERATE", List.of("orders-")),
                new ApiTokens.Configured("all", null, "READ", null)));
        ApiGrant orders = tokens.grantOf("orders");
        assertThat(orders.scoped()).isTrue();
        assertThat(orders.allowsGid("orders-1")).isTrue();
        assertThat(orders.allowsGid("billing-1")).isFalse();
        assertThat(orders.allowsGid(null)).isFalse();
        assertThat(tokens.grantOf("all").scoped()).isFalse();
        assertThat(tokens.grantOf("all").allowsGid("anything")).isTrue();
        assertThatThrownBy(
                () -> ApiTokens.of(List.of(new ApiTokens.Configured("t", null, "READ", List.of("ok-", " padded")))))
            .isInstanceOf(DtmAuthConfigurationException.class)
            .hasMessageContaining("tokens[0].gid-prefixes[1]");
    }

    @Test
    void noTokenIsRefused() {
        assertThatThrownBy(() -> ApiTokens.of(List.of())).isInstanceOf(DtmAuthConfigurationException.class)
            .hasMessageContaining("no token is configured");
    }

    @Test
    void anUnknownOrMissingRoleIsRefused() {
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiTokens.Configured("t", null, "ADMIN"))))
            .isInstanceOf(DtmAuthConfigurationException.class)
            .hasMessageContaining("tokens[0].role is 'ADMIN'")
            .satisfies(ex -> assertThat(((DtmAuthConfigurationException) ex).fix()).contains("READ", "OPERATE"));
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiTokens.Configured("t", null, null))))
            .hasMessageContaining("role is not set");
    }

    @Test
    void eachEntryNeedsExactlyOneWellFormedValue() {
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiTokens.Configured(null, null, "READ"))))
            .hasMessageContaining("neither token nor token-sha256");
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiTokens.Configured("t", "ab", "READ"))))
            .hasMessageContaining("both");
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiTokens.Configured(null, "abc", "READ"))))
            .hasMessageContaining("not a SHA-256 digest");
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiTokens.Configured(" t", null, "READ"))))
            .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> ApiTokens
            .of(List.of(new ApiTokens.Configured("t", null, "READ"), new ApiTokens.Configured("t", null, "OPERATE"))))
            .hasMessageContaining("tokens[1] repeats");
    }

}
