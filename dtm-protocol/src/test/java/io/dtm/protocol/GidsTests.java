package io.dtm.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GidsTests {

    @Test
    void aNewGidIsTwentyTwoCharactersOfShortuuidsAlphabet() {
        for (int i = 0; i < 1000; i++) {
            String gid = Gids.newGid();
            assertThat(gid).hasSize(Gids.GENERATED_LENGTH).matches("[" + Gids.ALPHABET + "]+");
            assertThat(Gids.check(gid)).isEqualTo(gid);
            assertThat(Gids.clean(gid)).isEqualTo(gid);
        }
    }

    @Test
    void newGidsAreDistinctAcrossThreads() throws Exception {
        int threads = 8;
        int perThread = 25_000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> duplicates = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                duplicates.add(pool.submit(() -> {
                    int dup = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (!seen.add(Gids.newGid())) {
                            dup++;
                        }
                    }
                    return dup;
                }));
            }
            for (Future<Integer> f : duplicates) {
                assertThat(f.get()).isZero();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(threads * perThread);
    }

    @Test
    void aNewGidUsesTheWholeAlphabet() {
        Set<Character> used = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2000; i++) {
            Gids.newGid().chars().forEach((c) -> used.add((char) c));
        }
        assertThat(used).hasSize(Gids.ALPHABET.length());
    }

    @Test
    void checkNamesTheBrokenRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> Gids.check(" ")).withMessage("gid must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Gids.check(null)).withMessage("gid must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Gids.check("a".repeat(Gids.MAX_LENGTH + 1)))
            .withMessage("gid must be at most 128 characters, got 129");
        assertThat(Gids.check("a".repeat(Gids.MAX_LENGTH))).hasSize(128);
        assertThatIllegalArgumentException().isThrownBy(() -> Gids.check("order;1"))
            .withMessageStartingWith("gid must not hold control characters or ';' (found at index 5)");
        assertThatIllegalArgumentException().isThrownBy(() -> Gids.check("order\n1"))
            .withMessageStartingWith("gid must not hold control characters");
    }

    @Test
    void cleanStripsWhatDtmStrips() {
        assertThat(Gids.clean("a;b\r\nc")).isEqualTo("abc");
        assertThat(Gids.clean(null)).isNull();
    }

}
