import { Button, Checkbox, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ShopSettings } from '../../../../shared/domain/settings';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { isDrawableLogo } from '../../../../shared/domain/logo';
import { RoleGate, useAllowed } from '../../components/RoleGate';
import { UnsavedMarker, useSettingsDraft } from '../settings/settingsDraft';

const pct = (x: number | null) => (x === null ? '' : String(Math.round(x * 1000) / 10));
const FIELDS = ['serviceLevel', 'serviceLevelA', 'serviceLevelB', 'serviceLevelC', 'reviewDays', 'overstockDays', 'deadStockDays', 'expiryWarnDays', 'anomalyFactor', 'logo'] as const;

/** Settings: service levels, review period, alert thresholds, desktop notifications and the PO logo. */
/** The section's fields as typed, read from the saved settings. */
const formOf = (s: ShopSettings) => ({
  serviceLevel: pct(s.serviceLevel),
  serviceLevelA: pct(s.serviceLevelA),
  serviceLevelB: pct(s.serviceLevelB),
  serviceLevelC: pct(s.serviceLevelC),
  reviewDays: String(s.reviewDays),
  overstockDays: String(s.overstockDays),
  deadStockDays: String(s.deadStockDays),
  expiryWarnDays: String(s.expiryWarnDays),
  anomalyFactor: String(s.anomalyFactor),
  notify: s.notifyCritical,
  logo: s.logo,
});
type Form = ReturnType<typeof formOf>;

export function ThresholdsForm() {
  const { t } = useI18n();
  const allowed = useAllowed();
  const { settings, reloadSettings } = useShop();
  // what is changed and not saved stays, marked, when the owner goes to another page and comes back
  const draft = useSettingsDraft('thresholds', formOf(settings), allowed('settings.save'));
  const { notify, logo, ...v } = draft.value;
  const change = (patch: Partial<Form>) => draft.set({ ...draft.value, ...patch });
  const [errors, setErrors] = useState<FieldErrors>({});
  const n = (s: string) => Number(s.replace(',', '.').trim());
  const save = async () => {
    const level = (s: string) => (s.trim() === '' ? null : n(s) / 100);
    const local: FieldErrors = {};
    for (const key of ['serviceLevel', 'serviceLevelA', 'serviceLevelB', 'serviceLevelC'] as const) {
      const text = v[key];
      if (key !== 'serviceLevel' && text.trim() === '') continue;
      if (!(n(text) >= 50 && n(text) <= 99.9)) local[key] = t('settings.serviceLevelRange');
    }
    if (Object.keys(local).length) return setErrors(local);
    const patch: Partial<ShopSettings> = {
      serviceLevel: n(v.serviceLevel) / 100,
      serviceLevelA: level(v.serviceLevelA),
      serviceLevelB: level(v.serviceLevelB),
      serviceLevelC: level(v.serviceLevelC),
      reviewDays: n(v.reviewDays),
      overstockDays: n(v.overstockDays),
      deadStockDays: n(v.deadStockDays),
      expiryWarnDays: n(v.expiryWarnDays),
      anomalyFactor: n(v.anomalyFactor),
      notifyCritical: notify,
      logo,
    };
    try {
      await call('settings.save', patch);
      draft.savedAs(draft.value);
      await reloadSettings();
      await call('replenishment.recompute', {});
      setErrors({});
      notifications.show({ color: 'green', message: t('common.saved') });
    } catch (error) {
      setErrors(handleFailure(error, t, [...FIELDS]));
    }
  };
  const field = (key: keyof typeof v, label: string) => (
    <TextInput label={label} name={key} value={v[key]} error={errors[key]} onChange={(e) => change({ [key]: e.currentTarget.value })} inputMode="decimal" />
  );
  const readLogo = (file: File | null) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const read = String(reader.result);
      // the browser names the type from the file's name: its bytes say what it is
      if (isDrawableLogo(read)) {
        change({ logo: read });
        setErrors(({ logo: _, ...rest }) => rest);
      } else setErrors((all) => ({ ...all, logo: t('err.logoBytes') }));
    };
    reader.readAsDataURL(file);
  };
  return (
    <Paper withBorder p="md" maw={560} mt="md" data-testid="thresholds" data-unsaved={draft.dirty || undefined}>
      <Title order={4} mb="sm">
        {t('settings.alerts')}
      </Title>
      {/* Enter in a field saves, as in the shop's section above */}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (allowed('settings.save')) void save();
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            {field('serviceLevel', t('settings.serviceLevel'))}
            {field('reviewDays', t('settings.reviewDays'))}
            {field('serviceLevelA', t('settings.serviceLevelA'))}
            {field('serviceLevelB', t('settings.serviceLevelB'))}
            {field('serviceLevelC', t('settings.serviceLevelC'))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('settings.serviceLevelClassHelp')}
          </Text>
          <SimpleGrid cols={2}>
            {field('overstockDays', t('settings.overstockDays'))}
            {field('deadStockDays', t('settings.deadStockDays'))}
            {field('expiryWarnDays', t('settings.expiryWarnDays'))}
            {field('anomalyFactor', t('settings.anomalyFactor'))}
          </SimpleGrid>
          <Checkbox label={t('settings.notifyCritical')} checked={notify} onChange={(e) => change({ notify: e.currentTarget.checked })} />
          <Group>
            <FileButton onChange={readLogo} accept="image/png,image/jpeg">
              {(props) => (
                <Button variant="default" {...props}>
                  {t('settings.logo')}
                </Button>
              )}
            </FileButton>
            {logo && (
              <>
                <Image src={logo} h={40} w="auto" fit="contain" alt="logo" />
                <Button variant="subtle" color="red" onClick={() => change({ logo: '' })}>
                  {t('settings.logoRemove')}
                </Button>
              </>
            )}
          </Group>
          {errors.logo && (
            <Text c="red" size="sm">
              {errors.logo}
            </Text>
          )}
          <Group justify="flex-end">
            {draft.dirty && (
              <UnsavedMarker draft={draft} onDiscarded={() => setErrors({})} />
            )}
            <RoleGate need="settings.save">
              <Button type="submit" data-testid="save-thresholds">
                {t('common.save')}
              </Button>
            </RoleGate>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
