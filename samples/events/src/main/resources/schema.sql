CREATE TABLE IF NOT EXISTS orders (
    order_id VARCHAR(64) NOT NULL PRIMARY KEY,
    item VARCHAR(64) NOT NULL,
    quantity INT NOT NULL
);
-- no unique key on order_id: a second row would show an event billed twice
CREATE TABLE IF NOT EXISTS billing (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    order_id VARCHAR(64) NOT NULL,
    amount INT NOT NULL
);
