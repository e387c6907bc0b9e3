-- A committed sale is a fiscal record: corrections are returns (new sales of kind 'return'), never edits.
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are append-only: record a return instead');
END;
--> statement-breakpoint
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are append-only: record a return instead');
END;
--> statement-breakpoint
CREATE TRIGGER sale_lines_no_change BEFORE UPDATE ON sale_lines
BEGIN
  SELECT RAISE(ABORT, 'sale lines are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines
BEGIN
  SELECT RAISE(ABORT, 'sale lines are append-only');
END;
