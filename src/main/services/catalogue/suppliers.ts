import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/api/result';
import type { productListInput, supplierInput } from '../../../shared/api/schemas';
import type { Supplier } from '../../../shared/domain/product';
import { suppliers } from '../../db/schema';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { foldForSearch } from '../text';

export class SupplierService {
  private readonly journal: Journal;

  constructor(private readonly deps: ServiceDeps) {
    this.journal = new Journal(deps.store.sqlite);
  }

  list(query: z.output<typeof productListInput>): { items: Supplier[]; total: number } {
    const folded = foldForSearch(query.search);
    const all = this.deps.store.orm.select().from(suppliers).orderBy(suppliers.name).all();
    const matching = all.filter(
      (s) =>
        (query.includeInactive || s.active) &&
        (!folded || foldForSearch(`${s.name} ${s.contact} ${s.phone} ${s.email}`).includes(folded)),
    );
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  get(id: number): Supplier {
    const row = this.deps.store.orm.select().from(suppliers).where(eq(suppliers.id, id)).get();
    if (!row) throw new AppError('not_found', `No supplier with id ${id}`, 'id');
    return row;
  }

  save(input: z.output<typeof supplierInput>, actor: Actor): Supplier {
    const { orm, sqlite } = this.deps.store;
    const at = this.deps.now().toISOString();
    return inTransaction(sqlite, () => {
      const clash = sqlite
        .prepare('SELECT id FROM suppliers WHERE name = ? COLLATE NOCASE')
        .get(input.name) as { id: number } | undefined;
      if (clash && clash.id !== input.id) {
        throw new AppError('conflict', `name: a supplier named "${input.name}" already exists`, 'name', { reason: 'supplier_name_taken', name: input.name });
      }
      const { id, ...values } = input;
      const row =
        id === undefined
          ? orm.insert(suppliers).values({ ...values, createdAt: at, updatedAt: at }).returning().get()
          : orm.update(suppliers).set({ ...values, updatedAt: at }).where(eq(suppliers.id, id)).returning().get();
      if (!row) throw new AppError('not_found', `No supplier with id ${id}`, 'id');
      this.journal.write(at, actor.user.id, id === undefined ? 'create' : 'update', 'supplier', row.id, row);
      return row;
    });
  }

  deactivate(id: number, actor: Actor): Supplier {
    const current = this.get(id);
    return this.save({ ...current, active: false }, actor);
  }
}
