package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.support.Gids;

class GidsTests {

    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Test
    void aGidIsARandomUuidIn22CharactersOfShortuuidsAlphabet() {
        for (int i = 0; i < 1000; i++) {
            String gid = Gids.newGid();
            assertThat(gid).hasSize(22);
            assertThat(gid.chars()).allMatch(c -> ALPHABET.indexOf(c) >= 0);
            byte[] bytes = uuidBytes(gid);
            assertThat((bytes[6] >> 4) & 0x0f).as("version of %s", gid).isEqualTo(4);
            assertThat((bytes[8] >> 6) & 0x03).as("variant of %s", gid).isEqualTo(2);
        }
    }

    @Test
    void gidsDrawnOnManyThreadsAtOnceAreDistinct() throws Exception {
        Set<String> gids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> draws = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                draws.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        gids.add(Gids.newGid());
                    }
                }));
            }
            for (Future<?> draw : draws) {
                draw.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(gids).hasSize(20_000);
    }

    private static byte[] uuidBytes(String gid) {
        BigInteger value = BigInteger.ZERO;
        for (char c : gid.toCharArray()) {
            value = value.multiply(BigInteger.valueOf(ALPHABET.length())).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        return bytes;
    }

}
