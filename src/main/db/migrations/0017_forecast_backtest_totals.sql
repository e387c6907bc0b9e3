ALTER TABLE `forecast_products` ADD `backtest_days` integer;--> statement-breakpoint
ALTER TABLE `forecast_products` ADD `backtest_expected` real;--> statement-breakpoint
ALTER TABLE `forecast_products` ADD `backtest_sold` real;