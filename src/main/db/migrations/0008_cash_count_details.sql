ALTER TABLE `cash_counts` ADD `opening_float_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cash_counts` ADD `denominations` text;--> statement-breakpoint
CREATE INDEX `cash_counts_date` ON `cash_counts` (`business_date`);--> statement-breakpoint
-- A cash count is a signed record of what was in the drawer: a recount is a new row, never an edit.
CREATE TRIGGER cash_counts_no_update BEFORE UPDATE ON cash_counts
BEGIN
  SELECT RAISE(ABORT, 'cash counts are append-only: count again instead');
END;
--> statement-breakpoint
CREATE TRIGGER cash_counts_no_delete BEFORE DELETE ON cash_counts
BEGIN
  SELECT RAISE(ABORT, 'cash counts are append-only: count again instead');
END;
