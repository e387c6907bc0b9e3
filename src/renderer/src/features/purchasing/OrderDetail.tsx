import { Alert, Badge, Button, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { handleFailure } from '../../components/forms';
import { focusIsLost, focusOnArrival } from '../../app/focus';
import { downloadPdf, printPdf } from '../../components/pdf';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useBusy } from './busy';
import { CloseModal, ShortLines } from './CloseModal';
import { CancelModal, LeaveModal } from './ConfirmModals';
import { shortDate } from './dates';
import { OrderLines } from './OrderLines';
import { ReceiveModal } from './ReceiveModal';
import { useDraft } from './useDraft';

export const STATUS_COLORS = { draft: 'gray', sent: 'blue', partial: 'orange', received: 'green', cancelled: 'dark', closed: 'grape' } as const;

type Action = 'save' | 'pdf' | 'print' | 'send' | 'cancel' | 'leave';

export function OrderDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, locale } = useI18n();
  const q = useQuery('purchasing.get', { id }, [id]);
  const order = q.data;
  const draft = useDraft(id, order, q.reload);
  // one action at a time: a double click on "send" or "save" runs it once
  const { busy, run } = useBusy<Action>();
  const [modal, setModal] = useState<'receive' | 'close' | 'cancel' | 'leave' | null>(null);
  // Alt+C works from any field, like the other Alt shortcuts
  useHotkeys(
    [
      [
        'alt+C',
        () => {
          if (order?.status === 'partial' && modal === null) setModal('close');
        },
      ],
    ],
    [],
  );
  // The keyboard keeps its place (keyboard review M3): the order opens with the focus on what is done
  // next (send a draft, receive a sent order, else back to the list), and is there again after an
  // action (the button just used is often gone: « Marquer comme envoyé » once sent) or a closed dialog.
  const nextRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef<'arrival' | 'action' | null>('arrival');
  useEffect(() => {
    if (!order || refocus.current === null) return;
    if (refocus.current === 'arrival') focusOnArrival(nextRef.current);
    else nextRef.current?.focus();
    refocus.current = null;
  }, [order]);
  const hadModal = useRef(false);
  useEffect(() => {
    if (modal === null && hadModal.current && focusIsLost()) nextRef.current?.focus();
    hadModal.current = modal !== null;
  }, [modal]);
  /** An action that changes the order: once it is read again, the focus goes to what is done next. */
  const reloadAfterAction = () => {
    refocus.current = 'action';
    q.reload();
  };
  if (!order) return null;
  const reading = draft.reading;

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      handleFailure(error, t, [], locale);
    }
  };
  /** What leaves the screen (a PDF, a print, the order sent) is what the owner sees: the edits are saved first. */
  const savedFirst = async () => {
    if (await draft.save()) return true;
    if (reading && !reading.valid) notifications.show({ color: 'red', title: t('common.error'), message: t('purchasing.fixLines') });
    return false;
  };
  const pdf = (print: boolean) =>
    run(print ? 'print' : 'pdf', async () => {
      if (!(await savedFirst())) return;
      await attempt(async () => {
        const doc = await call('purchasing.pdf', { id });
        if (print) printPdf(doc.pdfBase64);
        else downloadPdf(doc.pdfBase64, `${doc.reference}.pdf`);
      });
    });
  const send = () =>
    run('send', async () => {
      if (!(await savedFirst())) return;
      await attempt(() => call('purchasing.markSent', { id }));
      reloadAfterAction();
    });
  const cancel = () =>
    run('cancel', async () => {
      await attempt(async () => {
        await call('purchasing.cancel', { id });
        notifications.show({ color: 'green', message: t('purchasing.cancelledOk', { ref: order.reference }) });
        // what was typed on the draft goes with it
        draft.discard();
      });
      setModal(null);
      reloadAfterAction();
    });
  const back = () => {
    if (reading?.changed) setModal('leave');
    else onBack();
  };
  const draftStatus = order.status === 'draft';
  const next = draftStatus ? 'send' : order.status === 'sent' || order.status === 'partial' ? 'receive' : 'back';
  const on = (action: Action) => ({ loading: busy === action, disabled: busy !== null && busy !== action });

  return (
    <Stack data-testid="order-detail">
      <Group justify="space-between">
        <Group>
          <Button variant="subtle" onClick={back} ref={next === 'back' ? nextRef : undefined} data-testid="order-back">
            ← {t('purchasing.back')}
          </Button>
          <Title order={3} data-testid="order-reference">
            {order.reference} · {order.supplierName}
          </Title>
          <Badge color={STATUS_COLORS[order.status]} data-testid="order-status">
            {t(`purchasing.status.${order.status}` as MessageKey)}
          </Badge>
        </Group>
        <Group>
          <Button variant="light" onClick={() => void pdf(false)} {...on('pdf')}>
            {t('purchasing.pdf')}
          </Button>
          <Button variant="light" onClick={() => void pdf(true)} {...on('print')}>
            {t('purchasing.print')}
          </Button>
          {draftStatus && (
            <Button onClick={() => void send()} {...on('send')} ref={nextRef} data-testid="order-send">
              {t('purchasing.markSent')}
            </Button>
          )}
          {next === 'receive' && (
            <Button onClick={() => setModal('receive')} ref={nextRef} data-testid="order-receive">
              {t('purchasing.receive')}
            </Button>
          )}
          {order.status === 'partial' && (
            <Button color="grape" variant="light" onClick={() => setModal('close')}>
              {t('purchasing.closeShort')} <Kbd ml="xs">Alt+C</Kbd>
            </Button>
          )}
          {(draftStatus || order.status === 'sent') && (
            <Button color="red" variant="subtle" onClick={() => setModal('cancel')} disabled={busy !== null}>
              {t('purchasing.cancelOrder')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('purchasing.expected')} : {shortDate(order.expectedDate, locale)}
      </Text>
      {order.status === 'closed' && (
        <Alert color="grape" title={t('purchasing.closedOn', { date: shortDate(order.closedAt ?? order.createdAt, locale) })} data-testid="order-closed">
          <ShortLines lines={order.lines} />
          {order.closeReason && (
            <Text size="sm" mt="xs">
              {t('purchasing.closedReason', { reason: order.closeReason })}
            </Text>
          )}
        </Alert>
      )}
      <OrderLines
        order={order}
        editing={reading && { reading, edit: draft.edit, errorOf: draft.errorOf, saving: busy === 'save', onSave: () => void run('save', async () => void (await draft.save())) }}
      />
      {modal === 'close' && (
        <CloseModal
          order={order}
          onClose={() => setModal(null)}
          onDone={() => {
            setModal(null);
            reloadAfterAction();
          }}
        />
      )}
      {modal === 'receive' && (
        <ReceiveModal
          order={order}
          onClose={() => setModal(null)}
          onDone={() => {
            setModal(null);
            reloadAfterAction();
          }}
        />
      )}
      {modal === 'cancel' && <CancelModal order={order} busy={busy === 'cancel'} onKeep={() => setModal(null)} onConfirm={() => void cancel()} />}
      {modal === 'leave' && (
        <LeaveModal
          order={order}
          busy={busy === 'leave'}
          onStay={() => setModal(null)}
          onDiscard={() => {
            draft.discard();
            onBack();
          }}
          onSave={() =>
            void run('leave', async () => {
              if (await draft.save()) onBack();
              else setModal(null);
            })
          }
        />
      )}
    </Stack>
  );
}
