import { Alert, Button, Center, Group, Kbd, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { CURRENCIES, CURRENCY_CODES, type CurrencyCode } from '../../../shared/domain/money';
import type { Locale } from '../../../shared/domain/settings';
import { call } from '../api/api';
import { errorText } from '../api/errors';
import { useShop } from '../app/shop';
import { ImportWizard } from '../features/onboarding/ImportWizard';
import { useI18n } from '../i18n/i18n';

export const WELCOME_DISMISSED_KEY = 'shelfcast.welcome.dismissed';

/**
 * First run: the shop has no products. Its currency and language come first (the currency cannot
 * change once prices exist, and an import reads its prices in it); then open the demo shop, import
 * the shop's own file, or start empty: three buttons, also on the keys 1, 2 and 3.
 */
export function WelcomePage({ onDone }: { onDone: () => void }) {
  const { t, locale } = useI18n();
  const { settings, reloadSettings } = useShop();
  const [demoRunning, setDemoRunning] = useState(false);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState(false);

  const choose = async (change: { currency: CurrencyCode } | { locale: Locale }) => {
    setError(null);
    try {
      await call('settings.save', change);
      await reloadSettings();
    } catch (e) {
      setError(errorText(e, t, locale));
    }
  };
  const finish = () => {
    localStorage.setItem(WELCOME_DISMISSED_KEY, '1');
    onDone();
  };
  const demo = async () => {
    if (demoRunning) return;
    setDemoRunning(true);
    setError(null);
    try {
      const s = await call('onboarding.demo', {});
      // the demo shop brings its own name, currency and language
      await reloadSettings();
      notifications.show({ color: 'green', message: t('onboarding.welcome.demoDone', { products: s.products, days: s.days }) });
      finish();
    } catch (e) {
      setError(errorText(e, t, locale));
    } finally {
      setDemoRunning(false);
    }
  };

  useHotkeys(
    [
      ['1', () => !importing && void demo()],
      ['2', () => !demoRunning && setImporting(true)],
      ['3', () => !demoRunning && !importing && finish()],
    ],
  );

  return (
    <Center mih="70vh" data-testid="welcome">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={620}>
        <Stack gap="lg">
          <div>
            <Title order={1} c="teal.8">{t('onboarding.welcome.title')}</Title>
            <Text size="lg" mt="xs">{t('onboarding.welcome.body')}</Text>
          </div>
          <Stack gap={4}>
            <Group grow align="flex-start">
              <Select
                label={t('onboarding.welcome.currency')}
                data={CURRENCY_CODES.map((c) => ({ value: c, label: `${CURRENCIES[c].symbol} (${c})` }))}
                value={settings.currency}
                allowDeselect={false}
                disabled={demoRunning}
                onChange={(c) => c && c !== settings.currency && void choose({ currency: c as CurrencyCode })}
                data-testid="welcome-currency"
              />
              <Select
                label={t('settings.language')}
                data={[
                  { value: 'fr', label: 'Français' },
                  { value: 'en', label: 'English' },
                ]}
                value={settings.locale}
                allowDeselect={false}
                disabled={demoRunning}
                onChange={(l) => l && l !== settings.locale && void choose({ locale: l as Locale })}
                data-testid="welcome-language"
              />
            </Group>
            <Text size="sm" c="dimmed" px={4} data-testid="welcome-currency-hint">
              {t('onboarding.welcome.currencyHint', { c: CURRENCIES[settings.currency].symbol })}
            </Text>
          </Stack>
          <Choice n={1} label={t('onboarding.welcome.demo')} hint={t('onboarding.welcome.demoHint')} onClick={() => void demo()} disabled={demoRunning} autoFocus testId="welcome-demo" />
          {demoRunning && (
            <Stack gap={4} data-testid="demo-progress" aria-live="polite">
              <Progress value={100} animated striped size="lg" aria-label={t('onboarding.welcome.demoRunning')} />
              <Text size="sm" c="dimmed">{t('onboarding.welcome.demoRunning')}</Text>
            </Stack>
          )}
          <Choice n={2} label={t('onboarding.welcome.import')} hint={t('onboarding.welcome.importHint')} onClick={() => setImporting(true)} disabled={demoRunning} variant="light" testId="welcome-import" />
          <Choice n={3} label={t('onboarding.welcome.empty')} hint={t('onboarding.welcome.emptyHint')} onClick={finish} disabled={demoRunning} variant="default" testId="welcome-empty" />
          {error && <Alert color="red">{error}</Alert>}
          <Text size="xs" c="dimmed" ta="right">{t('onboarding.welcome.keys')}</Text>
        </Stack>
      </Paper>
      <ImportWizard
        opened={importing}
        onClose={() => {
          setImporting(false);
          if (imported) finish();
        }}
        onImported={() => setImported(true)}
      />
    </Center>
  );
}

function Choice(props: { n: number; label: string; hint: string; onClick: () => void; disabled?: boolean; autoFocus?: boolean; variant?: string; testId: string }) {
  return (
    <Stack gap={4}>
      <Button
        size="lg"
        fullWidth
        justify="space-between"
        variant={props.variant ?? 'filled'}
        onClick={props.onClick}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        data-testid={props.testId}
        rightSection={<Kbd size="sm">{props.n}</Kbd>}
      >
        {props.label}
      </Button>
      <Text size="sm" c="dimmed" px={4}>{props.hint}</Text>
    </Stack>
  );
}
