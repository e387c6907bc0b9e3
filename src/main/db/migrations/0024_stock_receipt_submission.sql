ALTER TABLE `stock_receipts` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `stock_receipts_submission` ON `stock_receipts` (`submission_id`);