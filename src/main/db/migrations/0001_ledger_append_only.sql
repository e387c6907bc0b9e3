-- The stock ledger is append-only: a correction is a new movement, never an edit.
CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a correcting movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a correcting movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER movements_kind_check BEFORE INSERT ON movements
WHEN NEW.kind NOT IN ('sale', 'receipt', 'customer_return', 'supplier_return', 'adjustment', 'loss', 'count')
BEGIN
  SELECT RAISE(ABORT, 'unknown movement kind');
END;
--> statement-breakpoint
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
