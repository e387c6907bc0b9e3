import { Alert, Button, Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ParkedSale } from '../../../../shared/api/contract';
import { ApiError, call } from '../../api/api';
import { errorText } from '../../api/errors';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';

/**
 * The parked sales, oldest first: who parked each, when, its label, items and total. ↑ ↓ choose, Enter
 * resumes, Delete discards after a confirmation (main writes the discard to the audit log).
 */
export function ParkedModal(props: { tillBusy: boolean; busy: boolean; error: string | null; onResume: (sale: ParkedSale) => void; onDiscarded: (sale: ParkedSale) => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const [sales, setSales] = useState<ParkedSale[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [confirming, setConfirming] = useState<ParkedSale | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resumeRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const confirmRef = useRef<HTMLButtonElement | null>(null);

  const load = () =>
    call('pos.parked', {})
      .then((list) => {
        setSales(list);
        setSelected((s) => Math.min(s, Math.max(0, list.length - 1)));
        return list;
      })
      .catch((e: unknown) => {
        setError(errorText(e, t, locale));
        return null;
      });
  useEffect(() => {
    void load();
  }, []);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  // after each load (opening, a discard) the keyboard is on the chosen row's Resume button: after a
  // discard, the next parked sale's (or the one before, when the last row went)
  useEffect(() => {
    if (sales?.length) resumeRefs.current[Math.min(selected, sales.length - 1)]?.focus();
  }, [sales]);

  const when = (iso: string) => {
    const d = new Date(iso);
    const today = new Date().toDateString() === d.toDateString();
    return d.toLocaleString(settings.locale === 'fr' ? 'fr-FR' : 'en-GB', today ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' });
  };
  const choose = (i: number) => {
    setSelected(i);
    resumeRefs.current[i]?.focus();
  };
  const discard = async (sale: ParkedSale) => {
    try {
      await call('pos.discard', { id: sale.id });
      setConfirming(null);
      props.onDiscarded(sale);
      // none left: nothing to choose here any more, back to the till
      if ((await load())?.length === 0) props.onClose();
    } catch (e) {
      setError(e instanceof ApiError && e.error.code === 'not_found' ? t('parked.notFound') : errorText(e, t, locale));
      setConfirming(null);
      await load();
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (!sales?.length || confirming) return;
    if (e.key === 'ArrowDown') choose(Math.min(selected + 1, sales.length - 1));
    else if (e.key === 'ArrowUp') choose(Math.max(selected - 1, 0));
    else if (e.key === 'Delete') setConfirming(sales[selected]);
    else return;
    e.preventDefault();
  };
  const labelOf = (s: ParkedSale) => s.label || t('park.noLabel');

  return (
    <Modal opened onClose={props.onClose} title={t('parked.title')} size="xl" data-testid="parked-modal">
      <Stack gap="sm" onKeyDown={onKey}>
        {props.tillBusy && sales && sales.length > 0 && (
          <Alert color="blue" p="xs">
            {t('parked.swap')}
          </Alert>
        )}
        {sales && sales.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {t('parked.empty')}
          </Text>
        )}
        {sales && sales.length > 0 && (
          <Table data-testid="parked-list" verticalSpacing={4} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('parked.at')}</Table.Th>
                <Table.Th>{t('parked.by')}</Table.Th>
                <Table.Th>{t('parked.label')}</Table.Th>
                <Table.Th ta="right">{t('parked.items')}</Table.Th>
                <Table.Th ta="right">{t('sell.total')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sales.map((s, i) => (
                <Table.Tr key={s.id} data-testid={`parked-${s.id}`} bg={i === selected ? 'var(--mantine-color-teal-light)' : undefined} onClick={() => setSelected(i)}>
                  <Table.Td>{when(s.at)}</Table.Td>
                  <Table.Td>{s.userName}</Table.Td>
                  <Table.Td fw={s.label ? 600 : undefined} c={s.label ? undefined : 'dimmed'}>
                    {labelOf(s)}
                  </Table.Td>
                  <Table.Td ta="right">{s.itemCount}</Table.Td>
                  <Table.Td ta="right">{money(s.totalMinor)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        ref={(el) => {
                          resumeRefs.current[i] = el;
                        }}
                        data-autofocus={i === 0 || undefined}
                        loading={props.busy && i === selected}
                        onFocus={() => setSelected(i)}
                        onClick={() => props.onResume(s)}
                        aria-label={`${t('parked.resume')} ${labelOf(s)}`}
                      >
                        {t('parked.resume')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(s)} aria-label={`${t('parked.discard')} ${labelOf(s)}`}>
                        {t('parked.discard')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {confirming && (
          <Alert color="red" data-testid="discard-confirm">
            <Stack gap="xs">
              <Text size="sm">{t('parked.discardConfirm', { label: labelOf(confirming), total: money(confirming.totalMinor) })}</Text>
              <Group justify="flex-end">
                <Button size="compact-sm" variant="default" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </Button>
                <Button size="compact-sm" color="red" ref={confirmRef} onClick={() => void discard(confirming)}>
                  {t('parked.discardYes')} <Kbd ml={6}>{t('key.enter')}</Kbd>
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {(error ?? props.error) && (
          <Alert color="red" data-testid="parked-error">
            {error ?? props.error}
          </Alert>
        )}
        {sales && sales.length > 0 && (
          <Text size="xs" c="dimmed">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('parked.keyChoose')} · <Kbd size="xs">{t('key.enter')}</Kbd> {t('parked.resume').toLowerCase()} ·{' '}
            <Kbd size="xs">{t('key.delete')}</Kbd> {t('parked.discard').toLowerCase()}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
