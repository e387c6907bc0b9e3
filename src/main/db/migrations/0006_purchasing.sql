CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`product_id` integer,
	`message` text NOT NULL,
	`first_seen` text NOT NULL,
	`last_seen` text NOT NULL,
	`resolved_at` text,
	`acknowledged_at` text,
	`snoozed_until` text
);
--> statement-breakpoint
CREATE INDEX `alerts_key` ON `alerts` (`key`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `purchase_order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` integer NOT NULL,
	`qty_milli` integer NOT NULL,
	`received_milli` integer DEFAULT 0 NOT NULL,
	`pack_size_milli` integer NOT NULL,
	`unit_cost_minor` integer NOT NULL,
	`vat_rate_bp` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_order_lines_no` ON `purchase_order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `purchase_order_lines_product` ON `purchase_order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	`sent_at` text,
	`expected_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_orders_number` ON `purchase_orders` (`number`);--> statement-breakpoint
CREATE INDEX `purchase_orders_status` ON `purchase_orders` (`status`);--> statement-breakpoint
CREATE TABLE `replenishments` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`computed_at` text NOT NULL,
	`source` text NOT NULL,
	`abc_class` text NOT NULL,
	`service_level` real NOT NULL,
	`on_hand_milli` integer NOT NULL,
	`on_order_milli` integer NOT NULL,
	`daily_mean` real NOT NULL,
	`safety_stock` real NOT NULL,
	`reorder_point` real NOT NULL,
	`order_up_to` real NOT NULL,
	`suggested_milli` integer NOT NULL,
	`packs` integer NOT NULL,
	`days_of_cover` real,
	`stockout_date` text,
	`below_reorder_point` integer NOT NULL,
	`explanation` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_levels` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`level` real NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
