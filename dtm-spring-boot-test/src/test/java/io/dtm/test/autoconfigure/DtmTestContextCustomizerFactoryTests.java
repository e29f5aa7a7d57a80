package io.dtm.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import io.dtm.test.DtmTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

class DtmTestContextCustomizerFactoryTests {

    private final DtmTestContextCustomizerFactory factory = new DtmTestContextCustomizerFactory();

    @Test
    void aTestWithoutDtmTestIsLeftAlone() {
        assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
    }

    @Test
    void aDtmTestWithoutAWebServerIsRefusedWithWhatToDo() {
        assertThatIllegalStateException().isThrownBy(() -> this.factory.createContextCustomizer(Mock.class, List.of()))
            .withMessageContaining("@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
    }

    @Test
    void dtmTestsShareACachedContextWhenTheirConfigurationIsTheSame() {
        assertThat(this.factory.createContextCustomizer(RandomPort.class, List.of()))
            .isEqualTo(this.factory.createContextCustomizer(RandomPort.class, List.of()));
    }

    @SpringBootTest
    static class Plain {

    }

    @SpringBootTest
    @DtmTest
    static class Mock {

    }

    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
    @DtmTest
    static class RandomPort {

    }

}
