import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import type { PurchaseOrder } from '../../../../shared/api/contract';
import type { CurrencyCode } from '../../../../shared/domain/money';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { readDraft, type DraftEdits, type DraftLine, type LineEdit } from './draft';

/**
 * Edits not saved when the draft was left another way than its "Back" button (another tab, another
 * screen): shown again, still marked unsaved, when it is reopened.
 */
const kept = new Map<number, DraftEdits>();

/** The main field an error of a saved line's field is shown under. */
const SHOWN_UNDER: Record<string, 'quantity' | 'cost'> = { quantity: 'quantity', productId: 'quantity', unitCostMinor: 'cost' };

/**
 * A draft's lines being edited: the edits (kept over a reload, which a movement anywhere causes), how
 * they read, and saving them. `save` answers whether the draft is now saved as shown.
 */
export function useDraft(id: number, order: PurchaseOrder | null, reload: () => void) {
  const { t, locale } = useI18n();
  const { settings } = useShop();
  const currency = settings.currency as CurrencyCode;
  const [edits, setEditsState] = useState<DraftEdits>(() => kept.get(id) ?? {});
  const [mainErrors, setMainErrors] = useState<FieldErrors>({});
  const reading = order?.status === 'draft' ? readDraft(order, edits, currency, locale) : null;
  // read by the clean-up below, and set at once where the edits end (a save, a discard) before the
  // screen is left in the same tick
  const latest = useRef({ edits, draft: reading !== null });
  latest.current = { edits, draft: reading !== null };
  const setEdits = (next: DraftEdits) => {
    latest.current.edits = next;
    setEditsState(next);
  };
  useEffect(
    () => () => {
      if (latest.current.draft && Object.keys(latest.current.edits).length > 0) kept.set(id, latest.current.edits);
      else kept.delete(id);
    },
    [id],
  );

  const edit = (productId: number, patch: LineEdit) => {
    setEdits({ ...latest.current.edits, [productId]: { ...latest.current.edits[productId], ...patch } });
    setMainErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(`${productId}.`))));
  };
  const discard = () => {
    setEdits({});
    setMainErrors({});
  };
  const save = async (): Promise<boolean> => {
    if (reading === null || !reading.changed) return true;
    if (!reading.valid) return false;
    const { input } = reading;
    try {
      await call('purchasing.update', { id, lines: input });
      discard();
      notifications.show({ color: 'green', message: t('purchasing.linesSaved') });
      reload();
      return true;
    } catch (error) {
      // main names the line by its place among those sent: shown under that product's field
      const fields = input.flatMap((_, i) => Object.keys(SHOWN_UNDER).map((f) => `lines.${i}.${f}`));
      const raw = handleFailure(error, t, fields, locale);
      const mapped: FieldErrors = {};
      for (const [key, message] of Object.entries(raw)) {
        const [, i, f] = key.split('.');
        mapped[`${input[Number(i)].productId}.${SHOWN_UNDER[f]}`] = message;
      }
      setMainErrors(mapped);
      return false;
    }
  };
  /** What is wrong with a field, in the shop's language: what cannot be read, else main's refusal. */
  const errorOf = (l: DraftLine, field: 'quantity' | 'cost'): string | undefined => {
    if (l.removed) return undefined;
    const problem = field === 'quantity' ? l.quantityProblem : l.costProblem;
    return problem ? t(problem.key, problem.vars) : mainErrors[`${l.line.productId}.${field}`];
  };
  return { reading, edit, discard, save, errorOf };
}
