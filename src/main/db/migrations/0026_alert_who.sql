ALTER TABLE `alerts` ADD `acknowledged_by` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `snoozed_at` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `snoozed_by` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `measure` real;--> statement-breakpoint
ALTER TABLE `alerts` ADD `seen_measure` real;--> statement-breakpoint
-- snoozes are a week at most from now on: a longer one set before (up to 90 days) ends within the week
UPDATE `alerts` SET `snoozed_until` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+7 days') WHERE `snoozed_until` > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+7 days');
