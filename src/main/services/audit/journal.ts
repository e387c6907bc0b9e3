import type Database from 'better-sqlite3';

/**
 * Writes the audit row and the sync outbox row for a change. Call inside the change's transaction so
 * the three (data, audit, outbox) commit or roll back together.
 */
export class Journal {
  private readonly auditStmt: Database.Statement;
  private readonly outboxStmt: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.auditStmt = sqlite.prepare(
      'INSERT INTO audit (at, user_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.outboxStmt = sqlite.prepare('INSERT INTO outbox (at, entity, payload) VALUES (?, ?, ?)');
  }

  write(at: string, userId: number, action: string, entity: string, entityId: string | number, detail: unknown): void {
    const json = JSON.stringify(detail);
    this.auditStmt.run(at, userId, action, entity, String(entityId), json);
    this.outboxStmt.run(at, entity, JSON.stringify({ action, id: entityId, data: detail }));
  }
}
