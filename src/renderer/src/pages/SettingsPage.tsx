import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { MAX_DAY_END_HOUR } from '../../../shared/domain/dates';
import { CURRENCY_CODES } from '../../../shared/domain/money';
import { NEGATIVE_STOCK_POLICIES, type NegativeStockPolicy } from '../../../shared/domain/movement';
import type { Locale, ShopSettings } from '../../../shared/domain/settings';
import { call } from '../api/api';
import { focusOnArrival } from '../app/focus';
import { useShop } from '../app/shop';
import { handleFailure, type FieldErrors } from '../components/forms';
import { ThresholdsForm } from '../features/alerts/ThresholdsForm';
import { PrintingForm } from '../features/printing/PrintingForm';
import { keptSections, SETTINGS_SECTIONS as SETTINGS_ORDER, UnsavedMarker, useChangedSections, useSettingsDraft, type SettingsSection } from '../features/settings/settingsDraft';
import { UsersSection } from '../features/session/UsersSection';
import { SyncSection } from '../features/sync/SyncSection';
import { BackupSection } from '../features/backup/BackupSection';
import { roleAtLeast } from '../../../shared/domain/user';
import { translator, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useAllowed } from '../components/RoleGate';

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** What the shop form saves. The other sections save their own fields; sending them back would undo them. */
const SHOP_FIELDS = ['shopName', 'address', 'phone', 'taxId', 'currency', 'locale', 'negativeStock', 'dayEndHour', 'forecastHour'] as const;
type ShopForm = Pick<ShopSettings, (typeof SHOP_FIELDS)[number]>;
const shopForm = (s: ShopSettings): ShopForm => Object.fromEntries(SHOP_FIELDS.map((f) => [f, s[f]])) as ShopForm;

/** What can be typed in or pressed (a field only shown is left out). */
const CONTROL = 'input:not([type=hidden]):not([disabled]):not([readonly]), button:not([disabled])';

/** Each section that keeps unsaved changes: its box on the page and its name. */
const SECTIONS: Record<SettingsSection, { testId: string; name: MessageKey }> = {
  shop: { testId: 'shop-settings', name: 'settings.section.shop' },
  printing: { testId: 'printing-form', name: 'print.title' },
  thresholds: { testId: 'thresholds', name: 'settings.alerts' },
  backupFolder: { testId: 'backups', name: 'backup.title' },
  syncUrl: { testId: 'sync', name: 'sync.title' },
};

const focusNow = (el: HTMLElement | null | undefined) => {
  el?.focus();
  return !!el;
};

/** The cursor in a section's first field, the section brought under the header (the shop's, at the top, stays put). */
function goToSection(root: HTMLElement | null, section: SettingsSection, focus: (el: HTMLElement | null | undefined) => boolean): void {
  const box = root?.querySelector<HTMLElement>(`[data-testid=${SECTIONS[section].testId}]`);
  if (!box) return;
  const done = focus(box.querySelector<HTMLElement>(CONTROL));
  if (done && section !== 'shop') window.scrollTo({ top: box.getBoundingClientRect().top + window.scrollY - 70 });
}

export function SettingsPage() {
  const { t } = useI18n();
  const { settings, info, user, reloadSettings } = useShop();
  // only the owner saves settings: to anyone else the shop form is shown, not offered
  const canSave = useAllowed()('settings.save');
  // what is changed and not saved stays, marked, when the owner goes to another page and comes back
  const shop = useSettingsDraft('shop', shopForm(settings), canSave);
  const { value: v, set: setV } = shop;
  const [errors, setErrors] = useState<FieldErrors>({});
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
  // On arrival, once every section is shown: the first field of a section left with unsaved changes,
  // else of the first the user may change (the shop's for the owner; for a manager the backups, where he
  // backs up now), else the first field shown (keyboard review M3)
  const pageRef = useRef<HTMLDivElement>(null);
  const arrived = useRef(false);
  // the sections left with changes, named at the top of the page while they are not saved
  const [kept] = useState(() => keptSections(userId));
  const changed = useChangedSections();
  const unsaved = kept.filter((section) => changed.includes(section));
  useEffect(() => {
    const root = pageRef.current;
    if (!fresh || arrived.current || !root || !user) return;
    arrived.current = true;
    // (`kept`, not `unsaved`: the sections shown with the page report their changes after this render)
    const first = SETTINGS_ORDER.find((section) => kept.includes(section));
    if (first) return goToSection(root, first, focusOnArrival);
    const section = root.querySelector<HTMLElement>(user.role === 'manager' ? '[data-testid=backups]' : '[data-testid=shop-settings]');
    focusOnArrival(section?.querySelector<HTMLElement>(CONTROL) ?? root.querySelector<HTMLElement>('input:not([type=hidden])'));
  }, [fresh, user]);
  const save = async () => {
    try {
      await call('settings.save', v);
      shop.savedAs(v);
      await reloadSettings();
      setErrors({});
      // in the language just chosen: this page's `t` is still the old one
      notifications.show({ color: 'green', message: translator(v.locale)('common.saved') });
    } catch (error) {
      setErrors(handleFailure(error, t, [...SHOP_FIELDS]));
    }
  };
  return (
    <div ref={pageRef}>
      <Title order={2} mb="md">
        {t('settings.title')}
      </Title>
      {unsaved.length > 0 && (
        <Alert color="orange" p="xs" mb="md" maw={560} data-testid="settings-unsaved-summary">
          <Text size="sm">
            {t('settings.unsavedKept')}{' '}
            {unsaved.map((section, i) => (
              <span key={section}>
                {i > 0 && ', '}
                <Anchor component="button" type="button" size="sm" fw={600} onClick={() => goToSection(pageRef.current, section, focusNow)}>
                  {t(SECTIONS[section].name)}
                </Anchor>
              </span>
            ))}
            . {t('settings.unsavedWhat')}
          </Text>
        </Alert>
      )}
      <Paper withBorder p="md" maw={560} data-testid="shop-settings" data-unsaved={shop.dirty || undefined}>
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
                {shop.dirty && (
                  <UnsavedMarker draft={shop} onDiscarded={() => setErrors({})} />
                )}
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
    </div>
  );
}
