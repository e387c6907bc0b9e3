CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sale_lines` (
	`sale_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` integer NOT NULL,
	`name` text NOT NULL,
	`qty_milli` integer NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`list_price_minor` integer NOT NULL,
	`discount_minor` integer NOT NULL,
	`net_minor` integer NOT NULL,
	`vat_rate_bp` integer NOT NULL,
	`vat_minor` integer NOT NULL,
	`movement_id` integer NOT NULL,
	PRIMARY KEY(`sale_id`, `line_no`),
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sale_tenders` (
	`sale_id` integer NOT NULL,
	`tender` text NOT NULL,
	`amount_minor` integer NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sale_tenders_sale` ON `sale_tenders` (`sale_id`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`receipt_no` integer NOT NULL,
	`kind` text NOT NULL,
	`original_sale_id` integer,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	`business_date` text NOT NULL,
	`subtotal_minor` integer NOT NULL,
	`discount_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`paid_minor` integer NOT NULL,
	`change_minor` integer NOT NULL,
	`currency` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_receipt_no_unique` ON `sales` (`receipt_no`);--> statement-breakpoint
CREATE INDEX `sales_date` ON `sales` (`business_date`);