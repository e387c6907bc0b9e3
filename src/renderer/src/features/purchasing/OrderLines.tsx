import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import type { PurchaseOrder } from '../../../../shared/api/contract';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { formatQuantity } from '../stock/fields';
import type { DraftLine, DraftReading, LineEdit } from './draft';
import { packsText, vatText } from './formats';

export interface DraftEditing {
  reading: DraftReading;
  edit: (productId: number, patch: LineEdit) => void;
  errorOf: (l: DraftLine, field: 'quantity' | 'cost') => string | undefined;
  onSave: () => void;
  saving: boolean;
}

const nowrap = { whiteSpace: 'nowrap' } as const;

/** A draft line's number box (quantity or unit cost), right-aligned in its cell. */
function LineInput(props: { label: string; w: number; disabled: boolean; value: string; onChange: (value: string) => void; error: string | undefined }) {
  return (
    <TextInput
      aria-label={props.label}
      w={props.w}
      ml="auto"
      inputMode="decimal"
      disabled={props.disabled}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
    />
  );
}

/** The head of an order's lines: a sent order adds what was received; a draft, a column for its buttons. */
function LinesHead({ draft }: { draft: boolean }) {
  const { t } = useI18n();
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{t('products.sku')}</Table.Th>
        <Table.Th>{t('purchasing.product')}</Table.Th>
        <Table.Th ta="right">{t('purchasing.quantity')}</Table.Th>
        <Table.Th ta="right">{t('purchasing.packs')}</Table.Th>
        {!draft && <Table.Th ta="right">{t('purchasing.received')}</Table.Th>}
        <Table.Th ta="right">{t('purchasing.unitCost')}</Table.Th>
        <Table.Th ta="right">{t('purchasing.vat')}</Table.Th>
        <Table.Th ta="right">{t('purchasing.subtotal')}</Table.Th>
        {draft && <Table.Th />}
      </Table.Tr>
    </Table.Thead>
  );
}

/** The lines of a draft being edited: quantity and unit cost typed in place, Enter saves, totals follow what is typed. */
function DraftTable({ editing }: { editing: DraftEditing }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  const { reading, edit, errorOf } = editing;
  const keptCount = reading.lines.filter((l) => !l.removed).length;
  return (
    <Table>
      <LinesHead draft />
      <Table.Tbody>
        {reading.lines.map((l) => {
          const { line } = l;
          const dim = l.removed ? { c: 'dimmed', td: 'line-through' as const } : {};
          return (
            <Table.Tr key={line.lineNo} data-testid={`order-line-${line.sku}`} data-removed={l.removed || undefined}>
              <Table.Td {...dim}>{line.sku}</Table.Td>
              <Table.Td>
                <Text size="sm" {...dim}>
                  {line.name}
                </Text>
                {l.removed && (
                  <Text size="xs" c="orange.9">
                    {t('purchasing.removedOnSave')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <LineInput label={`${t('purchasing.quantity')} ${line.name}`} w={90} disabled={l.removed} value={l.quantityText} onChange={(v) => edit(line.productId, { quantity: v })} error={errorOf(l, 'quantity')} />
              </Table.Td>
              <Table.Td ta="right" style={nowrap} data-testid="packs">
                {l.packs === null ? '—' : packsText(l.packs, line.packSize, locale)}
                {l.packs !== null && !l.removed && !Number.isInteger(l.packs) && (
                  <Text size="xs" c="orange.9" maw={110} ml="auto" lh={1.2} style={{ whiteSpace: 'normal' }}>
                    {t('purchasing.notWholePacks', { n: formatQuantity(line.packSize, locale) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <LineInput label={`${t('purchasing.unitCost')} ${line.name}`} w={110} disabled={l.removed} value={l.costText} onChange={(v) => edit(line.productId, { cost: v })} error={errorOf(l, 'cost')} />
              </Table.Td>
              <Table.Td ta="right" style={nowrap} {...dim}>
                {vatText(line.vatRateBp, locale)}
              </Table.Td>
              <Table.Td ta="right" style={nowrap} data-testid="amount" {...dim}>
                {l.amountMinor === null ? '—' : money(l.amountMinor)}
              </Table.Td>
              <Table.Td>
                {l.removed ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => edit(line.productId, { removed: false })}>
                    {t('purchasing.restore')}
                  </Button>
                ) : (
                  <Button size="compact-xs" variant="subtle" color="red" disabled={keptCount === 1} onClick={() => edit(line.productId, { removed: true })}>
                    {t('purchasing.remove')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The lines of an order no longer editable (sent, received, closed, cancelled). */
function SavedTable({ order }: { order: PurchaseOrder }) {
  const { locale } = useI18n();
  const { money } = useShop();
  return (
    <Table>
      <LinesHead draft={false} />
      <Table.Tbody>
        {order.lines.map((l) => (
          <Table.Tr key={l.lineNo} data-testid={`order-line-${l.sku}`}>
            <Table.Td>{l.sku}</Table.Td>
            <Table.Td>{l.name}</Table.Td>
            <Table.Td ta="right">{formatQuantity(l.quantity, locale)}</Table.Td>
            <Table.Td ta="right" style={nowrap} data-testid="packs">
              {packsText(l.packs, l.packSize, locale)}
            </Table.Td>
            <Table.Td ta="right" data-testid="received">
              {formatQuantity(l.received, locale)}
            </Table.Td>
            <Table.Td ta="right" style={nowrap}>
              {money(l.unitCostMinor)}
            </Table.Td>
            <Table.Td ta="right" style={nowrap}>
              {vatText(l.vatRateBp, locale)}
            </Table.Td>
            <Table.Td ta="right" style={nowrap}>
              {money(l.amountMinor)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An order's lines and totals; a draft's are a form (Enter saves) whose totals follow what is typed. */
export function OrderLines({ order, editing }: { order: PurchaseOrder; editing: DraftEditing | null }) {
  const { t } = useI18n();
  const { money } = useShop();
  const totals = editing ? editing.reading : order;
  // a line that cannot be read has no amount: a total without it would be no total
  const amount = (minor: number) => (editing && !editing.reading.valid ? '—' : money(minor));
  const footer = (
    <Group justify="space-between" mt="sm" align="flex-start">
      {editing ? (
        <Group gap="sm">
          <Button type="submit" variant={editing.reading.changed ? 'filled' : 'default'} loading={editing.saving} data-testid="save-lines">
            {t('purchasing.saveLines')}
          </Button>
          {editing.reading.changed && (
            <Badge color="orange" variant="light" data-testid="unsaved">
              {t('purchasing.unsaved')}
            </Badge>
          )}
        </Group>
      ) : (
        <span />
      )}
      <Stack gap={0} align="flex-end">
        <Text size="sm">
          {t('purchasing.subtotal')} : {amount(totals.subtotalMinor)}
        </Text>
        <Text size="sm">
          {t('purchasing.vat')} : {amount(totals.vatMinor)}
        </Text>
        <Text fw={700} data-testid="order-total">
          {t('purchasing.total')} : {amount(totals.totalMinor)}
        </Text>
      </Stack>
    </Group>
  );
  if (!editing)
    return (
      <Paper withBorder p="sm">
        <SavedTable order={order} />
        {footer}
      </Paper>
    );
  return (
    <Paper withBorder p="sm">
      <form
        data-testid="draft-form"
        onSubmit={(e) => {
          e.preventDefault();
          editing.onSave();
        }}
      >
        <DraftTable editing={editing} />
        {footer}
      </form>
    </Paper>
  );
}
