CREATE TABLE `cash_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_date` text NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	`expected_cash_minor` integer NOT NULL,
	`counted_cash_minor` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `parked_sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`cart` text NOT NULL
);
