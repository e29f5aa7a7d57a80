package io.dtm.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Host names the API answers to. */
class AllowedHostsTests {

    @Test
    void loopbackNamesWithAnyPortByDefault() {
        AllowedHosts hosts = AllowedHosts.of(List.of());
        assertThat(hosts.allows("localhost")).isTrue();
        assertThat(hosts.allows("localhost:36789")).isTrue();
        assertThat(hosts.allows("LocalHost.:8080")).isTrue();
        assertThat(hosts.allows("127.0.0.1:1")).isTrue();
        assertThat(hosts.allows("[::1]:36789")).isTrue();
        assertThat(hosts.allows("[::1]")).isTrue();
        assertThat(hosts.allows("localhost.evil.example")).isFalse();
        assertThat(hosts.allows("127.0.0.1.nip.io")).isFalse();
        assertThat(hosts.allows("localhost:80x")).isFalse();
        assertThat(hosts.allows("[::1")).isFalse();
        assertThat(hosts.allows("")).isFalse();
        assertThat(hosts.allows(null)).isFalse();
    }

    @Test
    void configuredNamesAndTheWildcard() {
        AllowedHosts hosts = AllowedHosts.of(List.of("dtm.internal", "[fd00::7]", "10.0.0.7"));
        assertThat(hosts.allows("DTM.internal:36789")).isTrue();
        assertThat(hosts.allows("[fd00::7]:36789")).isTrue();
        assertThat(hosts.allows("10.0.0.7")).isTrue();
        assertThat(hosts.allows("localhost")).isTrue();
        assertThat(hosts.allows("dtm.internal.evil.example")).isFalse();
        assertThat(AllowedHosts.of(List.of("dtm", "*")).allows("anything.example")).isTrue();
        assertThat(AllowedHosts.any().allows(null)).isTrue();
        assertThatThrownBy(() -> AllowedHosts.of(List.of("http://dtm:36789/")))
            .hasMessageContaining("dtm.coordinator.web.allowed-hosts[0]");
        assertThatThrownBy(() -> AllowedHosts.of(List.of("dtm", "dtm:36789")))
            .hasMessageContaining("dtm.coordinator.web.allowed-hosts[1]");
    }

}
