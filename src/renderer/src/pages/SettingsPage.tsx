import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { MAX_DAY_END_HOUR } from '../../../shared/domain/dates';
import { CURRENCY_CODES } from '../../../shared/domain/money';
import { NEGATIVE_STOCK_POLICIES, type NegativeStockPolicy } from '../../../shared/domain/movement';
import type { Locale, ShopSettings } from '../../../shared/domain/settings';
import { call } from '../api/api';
import { useShop } from '../app/shop';
import { handleFailure, type FieldErrors } from '../components/forms';
import { ThresholdsForm } from '../features/alerts/ThresholdsForm';
import { PrintingForm } from '../features/printing/PrintingForm';
import { UsersSection } from '../features/session/UsersSection';
import { SyncSection } from '../features/sync/SyncSection';
import { BackupSection } from '../features/backup/BackupSection';
import { roleAtLeast } from '../../../shared/domain/user';
import { translator, useI18n } from '../i18n/i18n';
import { useAllowed } from '../components/RoleGate';

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** What the shop form saves. The other sections save their own fields; sending them back would undo them. */
const SHOP_FIELDS = ['shopName', 'address', 'phone', 'taxId', 'currency', 'locale', 'negativeStock', 'dayEndHour', 'forecastHour'] as const;
type ShopForm = Pick<ShopSettings, (typeof SHOP_FIELDS)[number]>;
const shopForm = (s: ShopSettings): ShopForm => Object.fromEntries(SHOP_FIELDS.map((f) => [f, s[f]])) as ShopForm;

export function SettingsPage() {
  const { t } = useI18n();
  const { settings, info, user, reloadSettings } = useShop();
  const [v, setV] = useState(() => shopForm(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  // only the owner saves settings: to anyone else the shop form is shown, not offered
  const canSave = useAllowed()('settings.save');
  const field = canSave ? {} : ({ readOnly: true, variant: 'filled' } as const);
  // The settings loaded at the lock screen or for a cashier come without the backup folder and the
  // printer address (main blanks them): the sections that save those wait for this user's own copy,
  // or a save by the owner would write the blanks back.
  const userId = user?.id ?? null;
  const [freshFor, setFreshFor] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const done = () => live && setFreshFor(userId);
    void reloadSettings().then(done, done);
    return () => {
      live = false;
    };
  }, [userId, reloadSettings]);
  const fresh = freshFor === userId;
  const cashier = user?.role === 'cashier';
  const save = async () => {
    try {
      await call('settings.save', v);
      await reloadSettings();
      setErrors({});
      // in the language just chosen: this page's `t` is still the old one
      notifications.show({ color: 'green', message: translator(v.locale)('common.saved') });
    } catch (error) {
      setErrors(handleFailure(error, t, [...SHOP_FIELDS]));
    }
  };
  return (
    <>
      <Title order={2} mb="md">
        {t('settings.title')}
      </Title>
      <Paper withBorder p="md" maw={560} data-testid="shop-settings">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (canSave) void save();
          }}
        >
          <Stack>
            {!canSave && (
              <Alert color="gray" p="xs" data-testid="settings-read-only">
                {t('settings.readOnly')}
              </Alert>
            )}
            <TextInput {...field} label={t('settings.shopName')} name="shopName" value={v.shopName} error={errors.shopName} onChange={(e) => setV({ ...v, shopName: e.currentTarget.value })} />
            <TextInput {...field} label={t('settings.address')} name="address" value={v.address} error={errors.address} onChange={(e) => setV({ ...v, address: e.currentTarget.value })} />
            <TextInput {...field} label={t('settings.phone')} name="phone" value={v.phone} error={errors.phone} onChange={(e) => setV({ ...v, phone: e.currentTarget.value })} />
            <TextInput {...field} label={t('settings.taxId')} name="taxId" value={v.taxId} error={errors.taxId} onChange={(e) => setV({ ...v, taxId: e.currentTarget.value })} />
            <Select {...field} label={t('settings.currency')} name="currency" data={CURRENCY_CODES} value={v.currency} error={errors.currency} allowDeselect={false} onChange={(c) => c && setV({ ...v, currency: c as typeof v.currency })} />
            <Select
              {...field}
              label={t('settings.language')}
              name="locale"
              data={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
              value={v.locale}
              error={errors.locale}
              allowDeselect={false}
              onChange={(l) => l && setV({ ...v, locale: l as Locale })}
            />
            <Select
              {...field}
              label={t('settings.negativeStock')}
              name="negativeStock"
              data={NEGATIVE_STOCK_POLICIES.map((p) => ({ value: p, label: t(`settings.negative.${p}`) }))}
              value={v.negativeStock}
              error={errors.negativeStock}
              allowDeselect={false}
              onChange={(p) => p && setV({ ...v, negativeStock: p as NegativeStockPolicy })}
            />
            <Select
              {...field}
              label={t('settings.dayEndHour')}
              name="dayEndHour"
              description={t('settings.dayEndHour.help')}
              data={Array.from({ length: MAX_DAY_END_HOUR + 1 }, (_, h) => ({
                value: String(h),
                label: h === 0 ? t('settings.dayEndHour.midnight') : t('settings.dayEndHour.morning', { h: hourLabel(h) }),
              }))}
              value={String(v.dayEndHour)}
              error={errors.dayEndHour}
              allowDeselect={false}
              onChange={(h) => h !== null && setV({ ...v, dayEndHour: Number(h) })}
            />
            <Select
              {...field}
              label={t('settings.forecastHour')}
              name="forecastHour"
              data={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) }))}
              value={String(v.forecastHour)}
              error={errors.forecastHour}
              description={
                v.forecastHour < v.dayEndHour ? (
                  <Text span size="xs" c="orange.9">
                    {t('settings.forecastBeforeDayEnd', { f: hourLabel(v.forecastHour), d: hourLabel(v.dayEndHour) })}
                  </Text>
                ) : undefined
              }
              allowDeselect={false}
              onChange={(h) => h !== null && setV({ ...v, forecastHour: Number(h) })}
            />
            {canSave && (
              <Group justify="flex-end">
                <Button type="submit">{t('common.save')}</Button>
              </Group>
            )}
          </Stack>
        </form>
      </Paper>
      {/* a cashier changes none of these, and the till prints with main's own settings */}
      {fresh && !cashier && <PrintingForm />}
      {fresh && !cashier && <ThresholdsForm />}
      {fresh && user?.role === 'owner' && <UsersSection />}
      {fresh && user && roleAtLeast(user.role, 'manager') && <BackupSection />}
      {fresh && user && roleAtLeast(user.role, 'manager') && <SyncSection />}
      {info && (
        <Text c="dimmed" size="sm" mt="md" data-testid="settings-about">
          {/* the shop file's path is the owner's: to anyone else main sends it blank */}
          {info.dbPath ? t('settings.about', { v: info.version, db: info.dbPath }) : t('settings.aboutVersion', { v: info.version })}
        </Text>
      )}
    </>
  );
}
