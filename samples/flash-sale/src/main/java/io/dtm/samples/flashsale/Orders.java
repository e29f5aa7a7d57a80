package io.dtm.samples.flashsale;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/** The orders table: one row per purchase, the message's gid unique. */
@Repository
public class Orders {

    private final JdbcTemplate jdbc;

    public Orders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void create(String gid, OrderRequest request) {
        this.jdbc.update("INSERT INTO flash_order (gid, user_id, item_id) VALUES (?, ?, ?)", gid, request.user(),
                request.item());
    }

    public long count(long item) {
        Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM flash_order WHERE item_id = ?", Long.class, item);
        return (count != null) ? count : 0;
    }

    /** Orders per item, for the items that have any. */
    public Map<Long, Long> countByItem() {
        Map<Long, Long> counts = new TreeMap<>();
        this.jdbc.query("SELECT item_id, COUNT(*) FROM flash_order GROUP BY item_id",
                (RowCallbackHandler) (rs) -> counts.put(rs.getLong(1), rs.getLong(2)));
        return counts;
    }

    public void deleteAll() {
        this.jdbc.update("DELETE FROM flash_order");
    }

}
