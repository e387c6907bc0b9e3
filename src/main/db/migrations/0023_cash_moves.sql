CREATE TABLE `cash_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_date` text NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	`direction` text NOT NULL CHECK (`direction` IN ('out', 'in')),
	`amount_minor` integer NOT NULL CHECK (`amount_minor` > 0),
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cash_moves_date` ON `cash_moves` (`business_date`);--> statement-breakpoint
-- Money that left or entered the drawer is a fact: a mistake is undone by the opposite movement, never an edit.
CREATE TRIGGER cash_moves_no_update BEFORE UPDATE ON cash_moves
BEGIN
  SELECT RAISE(ABORT, 'cash movements are append-only: record the opposite movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER cash_moves_no_delete BEFORE DELETE ON cash_moves
BEGIN
  SELECT RAISE(ABORT, 'cash movements are append-only: record the opposite movement instead');
END;
