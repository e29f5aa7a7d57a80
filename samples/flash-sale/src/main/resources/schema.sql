CREATE TABLE IF NOT EXISTS flash_order (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    gid VARCHAR(128) NOT NULL,
    user_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    CONSTRAINT uk_flash_order_gid UNIQUE (gid)
);
