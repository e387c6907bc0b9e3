ALTER TABLE `forecast_products` ADD `backtest_naive_wape` real;--> statement-breakpoint
ALTER TABLE `forecast_runs` ADD `backtest_naive_wape` real;