CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `products` ADD `sync_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `products_sync_seq` ON `products` (`sync_seq`,`id`);--> statement-breakpoint
-- Every product written gets the next sync_seq, whichever code path wrote it (the product form, an
-- import, the demo): the sync client pushes the products whose sync_seq is past its cursor.
CREATE TRIGGER products_sync_seq_insert AFTER INSERT ON products
BEGIN
  UPDATE products SET sync_seq = (SELECT COALESCE(MAX(sync_seq), 0) + 1 FROM products) WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER products_sync_seq_update AFTER UPDATE ON products WHEN NEW.sync_seq = OLD.sync_seq
BEGIN
  UPDATE products SET sync_seq = (SELECT COALESCE(MAX(sync_seq), 0) + 1 FROM products) WHERE id = NEW.id;
END;
