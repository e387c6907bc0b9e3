import { Alert, Button, PasswordInput, Select, Stack, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/api';
import { errorText } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { wrongPinsNotice } from './wrongPinsText';

/**
 * Who logged in last on this PC, by id only (the lock screen lists the names anyway): the next unlock
 * starts from that name with the cursor in the PIN, so the usual unlock is the PIN and Enter.
 */
const LAST_USER = 'shelfcast.lastUserId';
function lastUser(): string | null {
  try {
    return localStorage.getItem(LAST_USER);
  } catch {
    return null;
  }
}
function rememberUser(id: string) {
  try {
    localStorage.setItem(LAST_USER, id);
  } catch {
    // storage refused (private mode, full): the name is simply not pre-selected next time
  }
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Who is at the till: pick the name, type the PIN, Enter. Used to switch user and to unlock. */
export function LoginForm(props: { onDone?: () => void }) {
  const { t, locale } = useI18n();
  const { setUser } = useShop();
  const users = useQuery('users.list', {});
  const active = (users.data ?? []).filter((u) => u.active);
  const [picked, setUserId] = useState<string | null>(lastUser);
  // the remembered user may since have been deactivated (or be from another shop file)
  const userId = users.data && active.some((u) => String(u.id) === picked) ? picked : null;
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const who = useRef<HTMLInputElement>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  // the cursor starts in the PIN when a name is remembered; back to the name if it is not on the list
  const [startInPin] = useState(picked !== null);
  const checked = useRef(false);
  useEffect(() => {
    if (!users.data || checked.current) return;
    checked.current = true;
    if (startInPin && userId === null) who.current?.focus();
  }, [users.data, userId, startInPin]);
  // typing a letter in the name shows the users whose name (a word of it) starts with what is typed
  const filter: OptionsFilter = ({ options, search }) => {
    const typed = fold(search.trim());
    const name = (o: ComboboxParsedItem) => ('value' in o ? (active.find((u) => String(u.id) === o.value)?.name ?? o.label) : '');
    return options.filter((o) => fold(name(o)).split(/\s+/).some((w) => w.startsWith(typed)));
  };
  const chosen = active.find((u) => String(u.id) === userId);
  // a user without a PIN beside users with one (an older shop file) chooses theirs by logging in
  const choosing = chosen !== undefined && !chosen.hasPin && (users.data ?? []).some((u) => u.active && u.hasPin);
  const submit = async () => {
    if (!userId) return;
    try {
      const { wrongPins, ...user } = await call('session.login', { userId: Number(userId), pin });
      rememberUser(userId);
      setUser(user);
      // kept on screen until closed: someone may be trying this account's PIN
      if (wrongPins) {
        notifications.show({
          id: 'wrong-pins',
          color: 'orange',
          title: t('wrongPins.title'),
          message: wrongPinsNotice(wrongPins, user.role, t, locale),
          autoClose: false,
          withBorder: true,
          'data-testid': 'wrong-pins-notice',
        });
      }
      props.onDone?.();
    } catch (e) {
      setPin('');
      setError(errorText(e, t, locale));
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Select
          ref={who}
          label={t('session.who')}
          data={active.map((u) => ({ value: String(u.id), label: `${u.name} (${t(`role.${u.role}` as MessageKey)})` }))}
          value={userId}
          onChange={setUserId}
          // a name chosen (even the one already there): on to the PIN, once the list has closed
          onOptionSubmit={() => setTimeout(() => pinInput.current?.focus(), 0)}
          // typing replaces the name shown rather than adding to it
          onFocus={(e) => e.currentTarget.select()}
          searchable
          filter={filter}
          selectFirstOptionOnChange
          nothingFoundMessage={t('common.none')}
          allowDeselect={false}
          data-autofocus={!startInPin || undefined}
          autoFocus={!startInPin}
          data-testid="login-user"
        />
        <PasswordInput
          ref={pinInput}
          data-autofocus={startInPin || undefined}
          autoFocus={startInPin}
          label={t('session.pin')}
          description={choosing ? t('session.choosePin', { name: chosen.name }) : undefined}
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          inputMode="numeric"
          autoComplete="off"
          data-testid="login-pin"
        />
        {error && <Alert color="red">{error}</Alert>}
        <Button type="submit" disabled={!userId}>
          {t('session.enter')}
        </Button>
      </Stack>
    </form>
  );
}
