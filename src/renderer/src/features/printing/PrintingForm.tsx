import { Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { RECEIPT_OUTPUTS, type ReceiptOutput } from '../../../../shared/domain/settings';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { RoleGate, useAllowed } from '../../components/RoleGate';
import { UnsavedMarker, useSettingsDraft } from '../settings/settingsDraft';

const FIELDS = ['receiptOutput', 'receiptPrinter', 'escposTarget', 'receiptWidth', 'escposColumns'];

/** Settings: where receipts go (PDF, a system printer, a raw thermal printer) and the cash drawer. */
export function PrintingForm() {
  const { t } = useI18n();
  const { settings, reloadSettings } = useShop();
  const printers = useQuery('print.printers', {});
  const canSave = useAllowed()('settings.save');
  // what is changed and not saved stays, marked, when the owner goes to another page and comes back
  const draft = useSettingsDraft(
    'printing',
    {
      receiptOutput: settings.receiptOutput,
      receiptPrinter: settings.receiptPrinter,
      escposTarget: settings.escposTarget,
      receiptWidth: settings.receiptWidth,
      escposColumns: settings.escposColumns,
      autoPrint: settings.autoPrint,
      drawerKick: settings.drawerKick,
    },
    canSave,
  );
  const { value: v, set: setV } = draft;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const run = async (job: () => Promise<void>) => {
    setBusy(true);
    try {
      await job();
      setErrors({});
    } catch (error) {
      setErrors(handleFailure(error, t, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      await call('settings.save', v);
      draft.savedAs(v);
      await reloadSettings();
      notifications.show({ color: 'green', message: t('common.saved') });
    });
  const test = () =>
    run(async () => {
      const { receiptOutput, receiptPrinter, escposTarget, receiptWidth, escposColumns } = v;
      const outcome = await call('print.test', { receiptOutput, receiptPrinter, escposTarget, receiptWidth, escposColumns });
      const tested = t('print.tested', { d: outcome.destination || t('print.defaultPrinter') });
      notifications.show({ color: 'green', message: rulerShown ? `${tested} ${t('print.columnsCheck', { n: escposColumns })}` : tested });
    });
  const openDrawer = () =>
    run(async () => {
      await call('print.openDrawer', {});
      notifications.show({ color: 'green', message: t('print.drawerOpened') });
    });

  const list = printers.data ?? [];
  // the print head decides how many characters an 80 mm line holds; a 58 mm roll always takes 32
  const rulerShown = v.receiptOutput === 'escpos' && v.receiptWidth === 80;
  return (
    <Paper withBorder p="md" maw={560} mt="md" data-testid="printing-form" data-unsaved={draft.dirty || undefined}>
      <Title order={4} mb="sm">
        {t('print.title')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('print.output')}
            </Text>
            <SegmentedControl
              fullWidth
              data-testid="receipt-output"
              value={v.receiptOutput}
              onChange={(o) => setV({ ...v, receiptOutput: o as ReceiptOutput })}
              data={RECEIPT_OUTPUTS.map((o) => ({ value: o, label: t(`print.output.${o}`) }))}
            />
            <Text size="sm" c="dimmed" mt={4}>
              {t(`print.explain.${v.receiptOutput}`)}
            </Text>
            {errors.receiptOutput && (
              <Text size="sm" c="red">
                {errors.receiptOutput}
              </Text>
            )}
          </div>
          {v.receiptOutput === 'system' &&
            (list.length ? (
              <Select
                label={t('print.printer')}
                name="receiptPrinter"
                data={[{ value: '', label: t('print.defaultPrinter') }, ...list.map((p) => ({ value: p.name, label: p.isDefault ? `${p.displayName} ★` : p.displayName }))]}
                value={v.receiptPrinter}
                allowDeselect={false}
                onChange={(p) => setV({ ...v, receiptPrinter: p ?? '' })}
                error={errors.receiptPrinter}
              />
            ) : (
              <Text size="sm" c="orange">
                {t('print.noPrinters')}
              </Text>
            ))}
          {(v.receiptOutput === 'escpos' || v.drawerKick) && (
            <TextInput
              label={t('print.target')}
              // main gives the printer's address to the owner only: to a manager it comes blank, which is not « none »
              description={canSave ? t('print.targetHint') : undefined}
              name="escposTarget"
              placeholder={canSave ? 'tcp://192.168.1.50:9100' : t('print.targetOwnerOnly')}
              value={v.escposTarget}
              onChange={(e) => setV({ ...v, escposTarget: e.currentTarget.value })}
              error={errors.escposTarget}
            />
          )}
          <Select
            label={t('print.width')}
            name="receiptWidth"
            data={[
              { value: '80', label: '80 mm' },
              { value: '58', label: '58 mm' },
            ]}
            value={String(v.receiptWidth)}
            allowDeselect={false}
            onChange={(w) => w && setV({ ...v, receiptWidth: w === '58' ? 58 : 80 })}
          />
          {rulerShown && (
            <Select
              label={t('print.columns')}
              description={t('print.columnsHint')}
              name="escposColumns"
              data-testid="escpos-columns"
              data={[
                { value: '48', label: t('print.columns48') },
                { value: '42', label: t('print.columns42') },
              ]}
              value={String(v.escposColumns)}
              allowDeselect={false}
              onChange={(c) => c && setV({ ...v, escposColumns: c === '48' ? 48 : 42 })}
              error={errors.escposColumns}
            />
          )}
          <Checkbox label={t('print.autoPrint')} name="autoPrint" disabled={v.receiptOutput === 'pdf'} checked={v.autoPrint && v.receiptOutput !== 'pdf'} onChange={(e) => setV({ ...v, autoPrint: e.currentTarget.checked })} />
          <Checkbox label={t('print.drawerKick')} name="drawerKick" checked={v.drawerKick} onChange={(e) => setV({ ...v, drawerKick: e.currentTarget.checked })} />
          <Group justify="space-between">
            <Group gap="xs">
              <RoleGate need="print.test">
                <Button variant="default" onClick={() => void test()} disabled={busy || v.receiptOutput === 'pdf'}>
                  {t('print.test')}
                </Button>
              </RoleGate>
              {v.drawerKick && (
                <RoleGate need="print.openDrawer">
                  <Button variant="default" onClick={() => void openDrawer()} disabled={busy}>
                    {t('print.openDrawer')}
                  </Button>
                </RoleGate>
              )}
            </Group>
            <Group gap="xs">
              {draft.dirty && (
                <UnsavedMarker draft={draft} onDiscarded={() => setErrors({})} />
              )}
              <RoleGate need="settings.save">
                <Button type="submit" loading={busy}>
                  {t('common.save')}
                </Button>
              </RoleGate>
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
