import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import { DEFAULT_SETTINGS, type ShopSettings } from '../../../shared/domain/settings';
import type { User } from '../../../shared/domain/user';
import { call, onLocked } from '../api/api';

interface ShopContext {
  settings: ShopSettings;
  info: AppInfo | null;
  user: User | null;
  money: (minor: number) => string;
  reloadSettings: () => Promise<void>;
  /** null locks the screen (LockScreen) until someone logs in. */
  setUser: (user: User | null) => void;
  /** Somebody active has a PIN: the till can lock (by hand or when left idle). */
  pinsInUse: boolean;
  /** Asks main again whether PINs are in use (after the owner saves a user). */
  reloadPins: () => void;
}

const Ctx = createContext<ShopContext | null>(null);

/** The shop's settings, the app info and the current user, loaded once and shared by every page. */
export function ShopProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<ShopSettings>(DEFAULT_SETTINGS);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [pinsInUse, setPinsInUse] = useState(false);

  const reloadSettings = useCallback(async () => {
    setSettings(await call('settings.get', {}));
  }, []);

  // whom the settings held were read for: read again when somebody else logs in
  const settingsFor = useRef<number | undefined>(undefined);
  useEffect(() => {
    // app.info comes with the effect below, at start and at each login
    void Promise.all([call('settings.get', {}), call('session.current', {})])
      .then(([s, u]) => {
        settingsFor.current = u?.id;
        setSettings(s);
        setUser(u);
      })
      .finally(() => setReady(true));
  }, []);
  useEffect(() => onLocked(() => setUser(null)), []);
  // what app.info and the settings tell depends on who asks (the shop file's path, the backup folder and
  // the printer's address are the owner's): ask again at each login
  const userId = user?.id;
  useEffect(() => {
    if (!ready) return;
    void call('app.info', {}).then(setInfo, () => undefined);
    if (settingsFor.current === userId) return;
    settingsFor.current = userId;
    void call('settings.get', {}).then(setSettings, () => undefined);
  }, [userId, ready]);
  const reloadPins = useCallback(() => {
    void call('users.list', {}).then((list) => setPinsInUse(list.some((u) => u.active && u.hasPin)), () => undefined);
  }, []);
  useEffect(() => {
    if (ready) reloadPins();
  }, [userId, ready, reloadPins]);

  if (!ready) return null;
  const money = (minor: number) => formatMoney(minor, settings.currency as CurrencyCode, settings.locale);
  return <Ctx.Provider value={{ settings, info, user, money, reloadSettings, setUser, pinsInUse, reloadPins }}>{children}</Ctx.Provider>;
}

export function useShop(): ShopContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useShop outside ShopProvider');
  return ctx;
}
