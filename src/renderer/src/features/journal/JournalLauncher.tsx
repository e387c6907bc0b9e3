import { Button, Kbd } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { JournalModal } from './JournalModal';

/** The Sell page's way into the sales journal and the end-of-day count: a button and F10, anywhere on the page. */
export function JournalLauncher({ onOpenChange }: { onOpenChange?: (open: boolean) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  // the Sell page stops taking scans into its cart while the journal is over it
  useEffect(() => onOpenChange?.(open), [open, onOpenChange]);
  // [] : F10 works even from the scan box, like the Sell page's other F-keys
  useHotkeys([['F10', () => setOpen((o) => !o)]], []);
  return (
    <>
      <Button variant="light" fullWidth mt="md" onClick={() => setOpen(true)} data-testid="open-journal">
        {t('journal.open')} <Kbd ml="xs">F10</Kbd>
      </Button>
      {open && <JournalModal onClose={() => setOpen(false)} />}
    </>
  );
}
