import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The sync client's own state, one value per key: the server's address and the shop's key, how far each
 * kind of row has been pushed (a cursor), and the last attempt's outcome; also the shop file's tag that
 * names its backups and binds its server token (see services/shop-tag.ts). Kept out of `settings`,
 * which every role reads: the shop's key is a secret.
 */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
