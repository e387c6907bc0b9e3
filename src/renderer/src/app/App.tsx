import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { api, call } from '../api/api';
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LockScreen } from '../features/session/LockScreen';
import { SwitchUserModal } from '../features/session/SwitchUserModal';
import { I18nProvider, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { AlertBadge } from '../features/alerts/AlertBadge';
import { useAllowed } from '../components/RoleGate';
import { backupFailedText } from '../features/backup/statusLines';
import { AlertsPage } from '../pages/AlertsPage';
import { ComingSoon } from '../pages/ComingSoon';
import { DashboardPage } from '../pages/DashboardPage';
import { ForecastsPage } from '../pages/ForecastsPage';
import { ProductsPage } from '../pages/ProductsPage';
import { PurchasingPage } from '../pages/PurchasingPage';
import { SellPage } from '../pages/SellPage';
import { SettingsPage } from '../pages/SettingsPage';
import { StockPage } from '../pages/StockPage';
import { SuppliersPage } from '../pages/SuppliersPage';
import { WELCOME_DISMISSED_KEY, WelcomePage } from '../pages/WelcomePage';
import { useIdleLock } from './idle-lock';
import { PAGES, RouteContext, routeOf, type Page, type Route } from './nav';
import { ShopProvider, useShop } from './shop';

export { PAGES, type Page } from './nav';

/** Notification priority of a warning that must be seen at once: shown before routine notices when the screen holds its limit of them. */
const URGENT = 1;

const BUILT: Partial<Record<Page, () => ReactElement>> = {
  sell: SellPage,
  stock: StockPage,
  products: ProductsPage,
  suppliers: SuppliersPage,
  purchasing: PurchasingPage,
  forecasts: ForecastsPage,
  alerts: AlertsPage,
  dashboard: DashboardPage,
  settings: SettingsPage,
};

/** The page shown and what it was opened on; `visit` counts the navigations, each showing the page afresh. */
type Shown = Route & { visit: number };

function Shell() {
  const { t, locale } = useI18n();
  const { settings, user, setUser, pinsInUse } = useShop();
  const seesBackups = useAllowed()('backup.status');
  // a cashier, who may only sell, opens on the till when no page was asked for (the app started locked)
  const [shown, setShown] = useState<Shown>(() => {
    const route = routeOf(window.location.hash);
    return { ...(user?.role === 'cashier' && !window.location.hash.replace(/^#\/?/, '') ? { page: 'sell' as const, query: '' } : route), visit: 0 };
  });
  const { page } = shown;
  // the hash names the page and its target (nav.tsx); another one opens that page afresh, the same one changes nothing
  const followHash = useCallback(
    () =>
      setShown((prev) => {
        const next = routeOf(window.location.hash);
        return next.page === prev.page && next.query === prev.query ? prev : { ...next, visit: prev.visit + 1 };
      }),
    [],
  );
  const [switching, setSwitching] = useState(false);
  // first run: a shop without products opens on the welcome screen, unless a page was asked for
  const [welcome, setWelcome] = useState(false);
  // (never a cashier's: she does not set the shop up)
  const navigated = useRef(window.location.hash.replace(/^#\/?/, '') !== '' || user?.role === 'cashier');
  useEffect(() => {
    window.addEventListener('hashchange', followHash);
    return () => window.removeEventListener('hashchange', followHash);
  }, [followHash]);
  useEffect(() => {
    if (navigated.current || localStorage.getItem(WELCOME_DISMISSED_KEY)) return;
    void call('products.list', { limit: 1, includeInactive: true })
      .then((r) => !navigated.current && setWelcome(r.total === 0))
      .catch(() => undefined);
  }, []);
  const go = (p: Page) => {
    navigated.current = true;
    setWelcome(false);
    window.location.hash = `/${p}`;
    followHash();
  };
  // an error nobody caught, in main or in this page: plain words, never a stack trace. These warnings come
  // first (priority): three routine notices on screen (« Enregistré »…) had a receipt that did not print
  // wait in Mantine's queue until one closed
  useEffect(() => {
    const tell = () => notifications.show({ color: 'red', title: t('error.title'), message: t('error.body'), autoClose: 8000, priority: URGENT });
    const off = api.on('app.error', tell);
    // a receipt that did not print after a sale: the sale is saved, the cashier must know to reprint
    const offPrint = api.on('print.failed', (p) => notifications.show({ color: 'orange', message: t('print.failed', { n: p.receiptNo, why: p.message }), autoClose: 15_000, priority: URGENT }));
    // an automatic backup that failed, or did not reach the USB key: nobody asked for it, so nobody would know
    const offBackup = api.on('backup.failed', (f) => seesBackups && notifications.show({ color: 'red', message: backupFailedText(f, t, locale), autoClose: false, priority: URGENT }));
    window.addEventListener('unhandledrejection', tell);
    return () => {
      off();
      offPrint();
      offBackup();
      window.removeEventListener('unhandledrejection', tell);
    };
  }, [t, locale, seesBackups]);
  const lock = useCallback(() => {
    setSwitching(false);
    void call('session.lock', {}).finally(() => setUser(null));
  }, [setUser]);
  useIdleLock(settings.autoLockMinutes, pinsInUse && user !== null, lock);
  // Alt+1..9 jumps to a page from anywhere, scanner and keyboard first; Alt+L locks the till. The digits
  // by the key's place: on a French keyboard the row types & é " ' without Shift
  useHotkeys([...PAGES.map((p, i): HotkeyItem => [`alt+digit${i + 1}`, () => go(p), { usePhysicalKeys: true }]), ['alt+L', lock]], []);
  const Body = BUILT[page];

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={3} c="teal.7">
              Shelfcast
            </Title>
            <Text c="dimmed">· {settings.shopName}</Text>
          </Group>
          {user && (
            <Group gap="xs">
              <Button variant="light" color="gray" size="xs" onClick={() => setSwitching(true)} data-testid="current-user" title={t('session.switch')}>
                {/* a new shop's owner is named after the role: say it once */}
                {user.name === t(`role.${user.role}` as MessageKey) ? user.name : `${user.name} · ${t(`role.${user.role}` as MessageKey)}`}
              </Button>
              <Button variant="subtle" color="gray" size="xs" onClick={lock} data-testid="lock">
                {t('session.lock')}
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {PAGES.map((p, i) => (
          <NavLink
            key={p}
            label={t(`nav.${p}` as MessageKey)}
            rightSection={
              <Group gap={6} wrap="nowrap">
                {p === 'alerts' && <AlertBadge />}
                <Text size="xs" c="dimmed">
                  {t('nav.shortcut', { n: i + 1 })}
                </Text>
              </Group>
            }
            active={page === p}
            // a link with its address: reached by Tab, opened by Enter
            href={`#/${p}`}
            onClick={(e) => {
              e.preventDefault();
              go(p);
            }}
            data-testid={`nav-${p}`}
          />
        ))}
      </AppShell.Navbar>
      {switching && <SwitchUserModal onClose={() => setSwitching(false)} />}
      <AppShell.Main>
        <ErrorBoundary key={`${page}:${shown.visit}`} title={t('error.title')} body={t('error.body')} reload={t('error.reload')}>
          <RouteContext.Provider value={shown}>
            {welcome ? <WelcomePage onDone={() => go('products')} /> : Body ? <Body /> : <ComingSoon title={t(`nav.${page}` as MessageKey)} />}
          </RouteContext.Provider>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

function Localised() {
  const { settings, user } = useShop();
  useEffect(() => {
    document.documentElement.lang = settings.locale;
  }, [settings.locale]);
  return (
    <I18nProvider locale={settings.locale}>
      {user ? <Shell /> : <LockScreen />}
    </I18nProvider>
  );
}

export function App() {
  return (
    <ShopProvider>
      <Localised />
    </ShopProvider>
  );
}
