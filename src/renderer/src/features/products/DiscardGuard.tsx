import { Button, Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Asks before a changed form is thrown away; the focus is on going on typing, so Enter or Escape keeps it. */
export function DiscardConfirm(props: { onKeep: () => void; onDiscard: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={props.onKeep} title={t('form.discardTitle')} data-testid="discard-confirm" zIndex={300} centered>
      <Stack>
        <Text size="sm">{t('form.discardText')}</Text>
        <Group justify="flex-end">
          <Button color="red" variant="light" onClick={props.onDiscard}>
            {t('form.discardConfirm')}
          </Button>
          <Button onClick={props.onKeep} data-autofocus>
            {t('form.discardKeep')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Closing a form (Escape, ✕, a click outside, Annuler): at once when nothing changed, else after
 * « Abandonner la saisie ? ». Going on typing puts the cursor back where it was.
 */
export function useDiscardGuard(dirty: boolean, close: () => void, firstField: () => HTMLElement | null): { asking: boolean; request: () => void; confirm: ReactNode } {
  const [asking, setAsking] = useState(false);
  const back = useRef<HTMLElement | null>(null);
  const request = () => {
    if (!dirty) return close();
    const active = document.activeElement;
    back.current = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
    setAsking(true);
  };
  const keep = () => {
    setAsking(false);
    // after the question's dialog is gone, or its focus trap would take the focus back
    setTimeout(() => {
      const to = back.current?.isConnected ? back.current : firstField();
      to?.focus();
    }, 0);
  };
  const discard = () => {
    setAsking(false);
    close();
  };
  return { asking, request, confirm: asking ? <DiscardConfirm onKeep={keep} onDiscard={discard} /> : null };
}

/**
 * A card's dialog and form: closing goes through its guard, a kept draft is said at the top, and the
 * form checks nothing itself (the shop's own messages, in its language, not the browser's bubbles).
 */
export function GuardedFormModal(props: {
  title: string;
  guard: { asking: boolean; request: () => void; confirm: ReactNode };
  restored: boolean;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <Modal opened onClose={props.guard.request} closeOnEscape={!props.guard.asking} title={props.title} size="lg">
        {props.restored && (
          <Text size="sm" c="dimmed" mb="sm" data-testid="draft-restored">
            {t('form.draftKept')}
          </Text>
        )}
        <form
          ref={props.formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit();
          }}
        >
          {props.children}
        </form>
      </Modal>
      {props.guard.confirm}
    </>
  );
}
