package io.dtm.samples.cache;

import java.util.function.Consumer;

import org.springframework.cache.CacheManager;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message's branch: marks the product's cache entry deleted. It needs no barrier:
 * marking twice, or late (after a newer update), only makes the next reader load the
 * committed price again.
 */
@RestController
@RequestMapping(CacheController.PATH)
public class CacheController {

    public static final String PATH = "/api/cache";

    public static final String MARK_DELETED = "/mark-deleted";

    private final CacheManager caches;

    private volatile Consumer<String> afterMark = (gid) -> {
    };

    public CacheController(CacheManager caches) {
        this.caches = caches;
    }

    @PostMapping(MARK_DELETED)
    public void markDeleted(@RequestParam String gid, @RequestBody PriceUpdate update) {
        this.caches.getCache(PriceReader.CACHE).evict(update.id());
        this.afterMark.accept(gid);
    }

    /**
     * Called with the message's gid after each mark, before the reply: tests record when
     * the branch's work was done.
     */
    void afterMark(Consumer<String> afterMark) {
        this.afterMark = afterMark;
    }

}
