CREATE TABLE `product_barcodes` (
	`barcode` text PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_barcodes_product` ON `product_barcodes` (`product_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`unit` text DEFAULT 'piece' NOT NULL,
	`cost_minor` integer DEFAULT 0 NOT NULL,
	`price_minor` integer DEFAULT 0 NOT NULL,
	`vat_rate_bp` integer DEFAULT 0 NOT NULL,
	`supplier_id` integer,
	`lead_time_days` integer DEFAULT 7 NOT NULL,
	`min_order_milli` integer DEFAULT 0 NOT NULL,
	`pack_size_milli` integer DEFAULT 1000 NOT NULL,
	`tracks_expiry` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_sku_unique` ON `products` (`sku`);--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`category`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`lead_time_days` integer DEFAULT 7 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `daily_sales` (
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`sold_milli` integer DEFAULT 0 NOT NULL,
	`revenue_minor` integer DEFAULT 0 NOT NULL,
	`cost_minor` integer DEFAULT 0 NOT NULL,
	`end_stock_milli` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`product_id`, `date`)
);
--> statement-breakpoint
CREATE TABLE `movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`kind` text NOT NULL,
	`qty_milli` integer NOT NULL,
	`unit_cost_minor` integer NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`lot` text,
	`expiry` text,
	`user_id` integer NOT NULL,
	`occurred_at` text NOT NULL,
	`business_date` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "movements_kind" CHECK("movements"."kind" IN ('sale', 'receipt', 'customer_return', 'supplier_return', 'adjustment', 'loss', 'count'))
);
--> statement-breakpoint
CREATE INDEX `movements_product` ON `movements` (`product_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`entity` text NOT NULL,
	`payload` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`on_hand_milli` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `forecast_products` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`method` text NOT NULL,
	`backtest_wape` real,
	`backtest_mase` real,
	`explanation` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `forecast_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`provider` text,
	`products` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer,
	`backtest_wape` real,
	`backtest_coverage` real,
	`backtest_mase` real,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `forecasts` (
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`p10` real NOT NULL,
	`p50` real NOT NULL,
	`p90` real NOT NULL,
	`method` text NOT NULL,
	`run_id` integer NOT NULL,
	PRIMARY KEY(`product_id`, `date`)
);
--> statement-breakpoint
CREATE INDEX `forecasts_run` ON `forecasts` (`run_id`);