ALTER TABLE `purchase_orders` ADD `closed_at` text;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD `close_reason` text DEFAULT '' NOT NULL;