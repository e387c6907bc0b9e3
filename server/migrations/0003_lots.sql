-- What is left of each shop's dated lots (its FEFO book), replaced per product with every push that
-- moves the product, as stock levels are. The owner's page lists what expires soon in each shop.
CREATE TABLE lots (
  shop_id    bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  product_id bigint NOT NULL,
  lot        text NOT NULL,
  expiry     date NOT NULL,
  milli      bigint NOT NULL,
  PRIMARY KEY (shop_id, product_id, lot, expiry)
);
CREATE INDEX lots_shop_expiry ON lots (shop_id, expiry);
