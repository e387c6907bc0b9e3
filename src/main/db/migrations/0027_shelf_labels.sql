CREATE TABLE `label_prints` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`price_minor` integer NOT NULL,
	`printed_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
