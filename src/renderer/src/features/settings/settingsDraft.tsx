import { Badge, Button, Group } from '@mantine/core';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';

/** The sections of the Settings page whose unsaved values outlive a change of page, in the page's order. */
export const SETTINGS_SECTIONS = ['shop', 'printing', 'thresholds', 'backupFolder', 'syncUrl'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/**
 * What was changed in a section of the Settings page and not saved (keyboard review M10): kept here,
 * in memory only, while the owner is on another page, and shown again, marked unsaved, when he comes
 * back. By user: one user's changes are never shown to another, and go as soon as another user opens
 * the page. Gone on a save and on « Annuler ».
 */
const drafts = new Map<string, unknown>();
const keyOf = (userId: number, section: SettingsSection) => `${userId}:${section}`;

/** Another user is here: the changes left by anyone else go. */
function keepOnlyFor(userId: number): void {
  for (const key of [...drafts.keys()]) if (!key.startsWith(`${userId}:`)) drafts.delete(key);
}

/** The sections this user left with changes, as he finds them on coming back (before they are shown). */
export function keptSections(userId: number | null): SettingsSection[] {
  return userId === null ? [] : SETTINGS_SECTIONS.filter((section) => drafts.has(keyOf(userId, section)));
}

/** The sections shown now with changes not saved, for the page to name them. */
let changed: readonly SettingsSection[] = [];
const listeners = new Set<() => void>();
function report(section: SettingsSection, dirty: boolean): void {
  if (changed.includes(section) === dirty) return;
  changed = SETTINGS_SECTIONS.filter((s) => (s === section ? dirty : changed.includes(s)));
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
export const useChangedSections = () => useSyncExternalStore(subscribe, () => changed);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Edit<T> {
  userId: number | null;
  value: T;
  /** Just saved: not a change any more, and dropped once the saved settings read again are shown. */
  saved: boolean;
}

/**
 * A section's values: what is saved (`saved`, read from the settings), or what the user changed and
 * has not saved, kept across a change of page when `enabled` (the user may save the section).
 * `set` changes them; `savedAs` says they were just saved; `discard` goes back to what is saved.
 */
export function useSettingsDraft<T>(section: SettingsSection, saved: T, enabled: boolean) {
  const { user } = useShop();
  const userId = user?.id ?? null;
  const [edit, setEdit] = useState<Edit<T> | null>(() => {
    if (userId === null || !enabled) return null;
    keepOnlyFor(userId);
    const kept = drafts.get(keyOf(userId, section)) as T | undefined;
    return kept === undefined ? null : { userId, value: kept, saved: false };
  });
  // another user in the same window (« Changer d'utilisateur »): the last one's changes are not his
  const mine = edit !== null && edit.userId === userId ? edit : null;
  const dirty = mine !== null && !mine.saved && !same(mine.value, saved);
  const latest = useRef({ mine, dirty });
  latest.current = { mine, dirty };
  const savedText = JSON.stringify(saved);
  useEffect(() => {
    if (latest.current.mine?.saved) setEdit(null);
  }, [savedText]);
  useEffect(() => report(section, dirty), [section, dirty]);
  useEffect(() => () => report(section, false), [section]);
  useEffect(() => {
    if (userId === null) return;
    keepOnlyFor(userId);
    return () => {
      const key = keyOf(userId, section);
      const { mine: last, dirty: changed } = latest.current;
      if (enabled && changed && last) drafts.set(key, last.value);
      else drafts.delete(key);
    };
  }, [userId, section, enabled]);
  return {
    value: mine?.value ?? saved,
    dirty,
    set: (value: T) => setEdit({ userId, value, saved: false }),
    savedAs: (value: T) => {
      if (userId !== null) drafts.delete(keyOf(userId, section));
      setEdit({ userId, value, saved: true });
    },
    discard: () => {
      if (userId !== null) drafts.delete(keyOf(userId, section));
      setEdit(null);
    },
  };
}

/** « Modifications non enregistrées » and « Annuler », beside a section's Save button while it has changes. */
export function UnsavedMarker({ draft, onDiscarded }: { draft: { discard: () => void }; onDiscarded?: () => void }) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color="orange" variant="light" tt="none" title={t('settings.unsavedHint')} data-testid="settings-unsaved">
        {t('settings.unsaved')}
      </Badge>
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        onClick={() => {
          draft.discard();
          onDiscarded?.();
        }}
        data-testid="settings-unsaved-discard"
      >
        {t('settings.unsavedDiscard')}
      </Button>
    </Group>
  );
}
