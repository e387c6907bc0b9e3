-- The stock ledger and the audit trail are append-only: a correction is a new movement, never an edit.
CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a correcting movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a correcting movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
--> statement-breakpoint
-- daily_sales and forecasts are read and written by their composite key only: WITHOUT ROWID keeps one
-- B-tree instead of a table plus an index, which removes a write from every ledger movement.
-- (drizzle's schema DSL cannot say WITHOUT ROWID, hence this rebuild.)
CREATE TABLE `daily_sales_new` (
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`sold_milli` integer DEFAULT 0 NOT NULL,
	`revenue_minor` integer DEFAULT 0 NOT NULL,
	`cost_minor` integer DEFAULT 0 NOT NULL,
	`end_stock_milli` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`product_id`, `date`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `daily_sales_new` SELECT `product_id`, `date`, `sold_milli`, `revenue_minor`, `cost_minor`, `end_stock_milli` FROM `daily_sales`;
--> statement-breakpoint
DROP TABLE `daily_sales`;
--> statement-breakpoint
ALTER TABLE `daily_sales_new` RENAME TO `daily_sales`;
--> statement-breakpoint
CREATE TABLE `forecasts_new` (
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`p10` real NOT NULL,
	`p50` real NOT NULL,
	`p90` real NOT NULL,
	`method` text NOT NULL,
	`run_id` integer NOT NULL,
	PRIMARY KEY(`product_id`, `date`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `forecasts_new` SELECT `product_id`, `date`, `p10`, `p50`, `p90`, `method`, `run_id` FROM `forecasts`;
--> statement-breakpoint
DROP TABLE `forecasts`;
--> statement-breakpoint
ALTER TABLE `forecasts_new` RENAME TO `forecasts`;
--> statement-breakpoint
CREATE INDEX `forecasts_run` ON `forecasts` (`run_id`);
