ALTER TABLE `products` ADD `net_content_milli` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `net_content_unit` text;