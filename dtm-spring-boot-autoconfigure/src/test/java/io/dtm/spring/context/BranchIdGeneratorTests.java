package io.dtm.spring.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BranchIdGeneratorTests {

    @Test
    void subBranchesAreTwoDigitsNestedUnderTheParent() {
        BranchIdGenerator top = new BranchIdGenerator("");
        assertThat(top.next()).isEqualTo("01");
        assertThat(top.next()).isEqualTo("02");
        BranchIdGenerator nested = new BranchIdGenerator("01");
        assertThat(nested.next()).isEqualTo("0101");
        assertThat(new BranchIdGenerator("0101").next()).isEqualTo("010101");
    }

    @Test
    void atMost99SubBranches() {
        BranchIdGenerator generator = new BranchIdGenerator("");
        for (int i = 1; i <= 99; i++) {
            assertThat(generator.next()).isEqualTo(String.format("%02d", i));
        }
        assertThatIllegalStateException().isThrownBy(generator::next).withMessageContaining("larger than 99");
    }

    @Test
    void atMost20Characters() {
        assertThat(new BranchIdGenerator("010101010101010101").next()).hasSize(20);
        assertThatIllegalStateException().isThrownBy(() -> new BranchIdGenerator("01010101010101010101").next())
            .withMessageContaining("longer than 20");
    }

}
