CREATE TABLE `stock_count_lines` (
	`count_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`snapshot_milli` integer NOT NULL,
	`counted_milli` integer,
	`counted_mark` integer,
	`counted_at` text,
	`counted_by` integer,
	`expected_milli` integer,
	`variance_milli` integer,
	`unit_cost_minor` integer,
	PRIMARY KEY(`count_id`, `product_id`),
	FOREIGN KEY (`count_id`) REFERENCES `stock_counts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_count_lines_no` ON `stock_count_lines` (`count_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `stock_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`category` text,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`started_by` integer NOT NULL,
	`start_mark` integer NOT NULL,
	`closed_at` text,
	`closed_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_counts_number` ON `stock_counts` (`number`);--> statement-breakpoint
CREATE INDEX `stock_counts_status` ON `stock_counts` (`status`);--> statement-breakpoint
CREATE TABLE `stock_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`supplier_id` integer,
	`delivery_note` text DEFAULT '' NOT NULL,
	`received_at` text NOT NULL,
	`user_id` integer NOT NULL,
	`lines` integer NOT NULL,
	`total_minor` integer NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_receipts_number` ON `stock_receipts` (`number`);--> statement-breakpoint
-- A count that was applied or cancelled is a record: its lines and its header no longer change.
CREATE TRIGGER stock_count_lines_closed BEFORE UPDATE ON stock_count_lines
WHEN (SELECT status FROM stock_counts WHERE id = OLD.count_id) <> 'open'
BEGIN
  SELECT RAISE(ABORT, 'this stock count is closed: start a new count instead');
END;
--> statement-breakpoint
CREATE TRIGGER stock_count_lines_no_delete BEFORE DELETE ON stock_count_lines
BEGIN
  SELECT RAISE(ABORT, 'stock count lines are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER stock_counts_closed BEFORE UPDATE ON stock_counts
WHEN OLD.status <> 'open'
BEGIN
  SELECT RAISE(ABORT, 'this stock count is closed: start a new count instead');
END;
--> statement-breakpoint
CREATE TRIGGER stock_counts_no_delete BEFORE DELETE ON stock_counts
BEGIN
  SELECT RAISE(ABORT, 'stock counts are never deleted');
END;
--> statement-breakpoint
-- Deliveries received without a purchase order are append-only, like the movements they wrote.
CREATE TRIGGER stock_receipts_no_update BEFORE UPDATE ON stock_receipts
BEGIN
  SELECT RAISE(ABORT, 'stock receipts are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_receipts_no_delete BEFORE DELETE ON stock_receipts
BEGIN
  SELECT RAISE(ABORT, 'stock receipts are append-only');
END;
