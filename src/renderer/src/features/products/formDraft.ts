import { useEffect, useRef, useState } from 'react';
import { useShop } from '../../app/shop';

/**
 * A product or supplier half typed outlives its form, as the delivery does (ReceiveForm's
 * `deliveryInProgress`): a page shortcut or a lock unmounts the page, and coming back to it reopens
 * the form with what was typed, for the same user only (another who unlocks the till does not see
 * it). One PC, one form of each kind at a time; dropped once the form is saved or given up.
 */
export interface FormDraft<S, T> {
  /** What the form was opened on: the product or supplier edited, null for a new one. */
  subject: S | null;
  /** The fields as the form opened: what « changed » is measured against. */
  opened: T;
  values: T;
  /** Who typed it. */
  userId: number | undefined;
}

export type DraftKind = 'product' | 'supplier';

const drafts = new Map<DraftKind, FormDraft<unknown, unknown>>();

/** The draft a page should reopen on arrival, if any (read, not taken: the form drops it when done). */
export function keptDraft<S, T>(kind: DraftKind, userId: number | undefined): FormDraft<S, T> | null {
  const draft = drafts.get(kind) as FormDraft<S, T> | undefined;
  return draft && draft.userId === userId ? draft : null;
}

export function dropDraft(kind: DraftKind): void {
  drafts.delete(kind);
}

export const sameValues = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A form's fields, started from its draft when one is given; when the form goes away without being
 * ended (its page left, the app locked), what differs from how it opened is kept for next time.
 * `end()` is for a form saved or given up: nothing is kept.
 */
export function useDraftValues<S, T>(kind: DraftKind, subject: S | null, fresh: () => T, draft?: FormDraft<S, T> | null) {
  const userId = useShop().user?.id;
  const [opened] = useState<T>(() => draft?.opened ?? fresh());
  const [values, setValues] = useState<T>(() => draft?.values ?? opened);
  const latest = useRef(values);
  latest.current = values;
  const ended = useRef(false);
  useEffect(() => {
    ended.current = false;
    return () => {
      if (!ended.current && !sameValues(latest.current, opened)) drafts.set(kind, { subject, opened, values: latest.current, userId });
      else dropDraft(kind);
    };
    // the form's whole life: subject and opened do not change while it is shown
  }, []);
  const end = () => {
    ended.current = true;
    dropDraft(kind);
  };
  return { values, setValues, dirty: !sameValues(values, opened), end, restored: draft != null };
}
