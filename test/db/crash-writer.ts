/**
 * Child process for the crash-safety test: writes movements one transaction at a time through the
 * service layer and reports each commit on stdout, until it is killed.
 */
import { Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';

const [dbPath, migrationsFolder, countText] = process.argv.slice(2);
const core = new Core({ dbPath, migrationsFolder, logger: silentLogger, mode: 'web', version: 'crash-test' });
const actor = { user: core.services.session.current()! };
const products = 20;
for (let i = 1; i <= products; i++) {
  core.services.products.save(
    { sku: `C-${i}`, name: `Crash ${i}`, barcodes: [], category: '', unit: 'piece', costMinor: 10, priceMinor: 15, vatRateBp: 0, supplierId: null, leadTimeDays: 7, minOrderQty: 0, packSize: 1, tracksExpiry: false, netContent: null, active: true },
    actor,
  );
}
process.stdout.write('ready\n');
const total = Number(countText);
for (let i = 0; i < total; i++) {
  const lines = [
    { productId: 1 + (i % products), kind: 'receipt' as const, quantity: 3, reason: '' },
    { productId: 1 + ((i * 7) % products), kind: 'sale' as const, quantity: 1.5, reason: '' },
  ];
  const outcome = core.services.ledger.record({ lines, reference: `crash-${i}` }, actor, { negativeStock: 'allow' });
  process.stdout.write(`committed ${i} ${outcome.movementIds.join(',')}\n`);
}
process.stdout.write('done\n');
