-- The central copy of each shop's data, pushed one way (shop -> server). Ids are the shop's own ids,
-- so every table is keyed by (shop_id, id). Money is in minor units and quantities in thousandths
-- (milli), both bigint. There are no foreign keys between a shop's rows: a batch may carry a stock
-- level or a sale line before the product it names arrives in a later batch.

CREATE TABLE shops (
  id           bigserial PRIMARY KEY,
  -- the owner's label for the shop (add-shop); the name the shop gives itself is reported_name
  name         text NOT NULL,
  reported_name text,
  -- the life of the shop file its rows come from; a new one (a backup restored) replaces them all
  epoch        text,
  -- null until the shop's first push sets it; a later push in another currency is refused
  currency     text,
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_push_at timestamptz,
  app_version  text
);

CREATE TABLE owner_keys (
  id         bigserial PRIMARY KEY,
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  shop_id     bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id          bigint NOT NULL,
  sku         text NOT NULL,
  name        text NOT NULL,
  category    text NOT NULL,
  unit        text NOT NULL,
  cost_minor  bigint NOT NULL,
  price_minor bigint NOT NULL,
  vat_rate_bp integer NOT NULL,
  active      boolean NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (shop_id, id)
);

CREATE TABLE stock (
  shop_id       bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  product_id    bigint NOT NULL,
  on_hand_milli bigint NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (shop_id, product_id)
);

CREATE TABLE movements (
  shop_id          bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id               bigint NOT NULL,
  product_id       bigint NOT NULL,
  kind             text NOT NULL,
  qty_milli        bigint NOT NULL,
  unit_cost_minor  bigint NOT NULL,
  unit_price_minor bigint NOT NULL,
  reason           text NOT NULL,
  reference        text NOT NULL,
  lot              text,
  expiry           date,
  user_id          bigint NOT NULL,
  occurred_at      timestamptz NOT NULL,
  business_date    date NOT NULL,
  PRIMARY KEY (shop_id, id)
);
CREATE INDEX movements_shop_business_date ON movements (shop_id, business_date);

CREATE TABLE sales (
  shop_id          bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id               bigint NOT NULL,
  receipt_no       bigint NOT NULL,
  kind             text NOT NULL,
  original_sale_id bigint,
  user_id          bigint NOT NULL,
  at               timestamptz NOT NULL,
  business_date    date NOT NULL,
  subtotal_minor   bigint NOT NULL,
  discount_minor   bigint NOT NULL,
  -- positive for a return too: takings subtract it
  total_minor      bigint NOT NULL,
  currency         text NOT NULL,
  PRIMARY KEY (shop_id, id)
);
CREATE INDEX sales_shop_business_date ON sales (shop_id, business_date);

CREATE TABLE sale_lines (
  shop_id          bigint NOT NULL,
  sale_id          bigint NOT NULL,
  line_no          bigint NOT NULL,
  product_id       bigint NOT NULL,
  name             text NOT NULL,
  qty_milli        bigint NOT NULL,
  unit_price_minor bigint NOT NULL,
  discount_minor   bigint NOT NULL,
  net_minor        bigint NOT NULL,
  vat_rate_bp      integer NOT NULL,
  vat_minor        bigint NOT NULL,
  movement_id      bigint NOT NULL,
  PRIMARY KEY (shop_id, sale_id, line_no),
  FOREIGN KEY (shop_id, sale_id) REFERENCES sales (shop_id, id) ON DELETE CASCADE
);

CREATE TABLE sale_tenders (
  shop_id      bigint NOT NULL,
  sale_id      bigint NOT NULL,
  idx          integer NOT NULL,
  tender       text NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (shop_id, sale_id, idx),
  FOREIGN KEY (shop_id, sale_id) REFERENCES sales (shop_id, id) ON DELETE CASCADE
);

CREATE TABLE events (
  shop_id   bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  at        timestamptz NOT NULL,
  entity    text NOT NULL,
  action    text NOT NULL,
  entity_id text NOT NULL,
  data      jsonb NOT NULL,
  PRIMARY KEY (shop_id, id)
);
