-- End-of-day stock becomes optional: history imported without stock levels stores NULL (unknown), so
-- a day without sales is not mistaken for a stockout. The table stays WITHOUT ROWID (see 0001).
CREATE TABLE `daily_sales_new` (
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`sold_milli` integer DEFAULT 0 NOT NULL,
	`revenue_minor` integer DEFAULT 0 NOT NULL,
	`cost_minor` integer DEFAULT 0 NOT NULL,
	`end_stock_milli` integer,
	PRIMARY KEY(`product_id`, `date`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `daily_sales_new` SELECT `product_id`, `date`, `sold_milli`, `revenue_minor`, `cost_minor`, `end_stock_milli` FROM `daily_sales`;
--> statement-breakpoint
DROP TABLE `daily_sales`;
--> statement-breakpoint
ALTER TABLE `daily_sales_new` RENAME TO `daily_sales`;
