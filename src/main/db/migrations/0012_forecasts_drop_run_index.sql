-- Nothing reads forecasts by run, and every run rewrites all rows: the index only lengthened the commit that holds the shop file's write lock.
DROP INDEX `forecasts_run`;