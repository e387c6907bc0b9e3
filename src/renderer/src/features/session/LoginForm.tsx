import { Alert, Button, Loader, PasswordInput, Select, Stack, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import { call } from '../../api/api';
import { errorText } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { UserRecord } from '../../../../shared/domain/user';
import { wrongPinsNotice } from './wrongPinsText';
import { foldForSearch } from '../../../../shared/domain/search';
import { keyboardSearch } from '../../components/listEnter';

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


/** Who is at the till: pick the name, type the PIN, Enter. Used to switch user and to unlock. */
export function LoginForm(props: { onDone?: () => void }) {
  const users = useQuery('users.list', {});
  // the fields wait for the list: a name put in after the cursor was already there (the remembered one,
  // arriving with the list) undid the selection that lets a typed letter replace it
  if (!users.data) return <Loader size="sm" data-testid="login-loading" />;
  return <LoginFields users={users.data} onDone={props.onDone} />;
}

function LoginFields(props: { users: UserRecord[]; onDone?: () => void }) {
  const { t, locale } = useI18n();
  const { setUser } = useShop();
  const active = useMemo(() => props.users.filter((u) => u.active), [props.users]);
  // the remembered user may since have been deactivated (or be from another shop file)
  const [userId, setUserId] = useState<string | null>(() => {
    const last = lastUser();
    return active.some((u) => String(u.id) === last) ? last : null;
  });
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  // the cursor starts in the PIN when a name is remembered, else on the name
  const [startInPin] = useState(userId !== null);
  const options = useMemo(() => active.map((u) => ({ value: String(u.id), label: `${u.name} (${t(`role.${u.role}` as MessageKey)})` })), [active, t]);
  // typing a letter in the name shows the users whose name (a word of it) starts with what is typed
  const filter: OptionsFilter = ({ options, search }) => {
    const typed = foldForSearch(search.trim());
    const name = (o: ComboboxParsedItem) => ('value' in o ? (active.find((u) => String(u.id) === o.value)?.name ?? o.label) : '');
    return options.filter((o) => foldForSearch(name(o)).split(/\s+/).some((w) => w.startsWith(typed)));
  };
  const chosen = active.find((u) => String(u.id) === userId);
  // a user without a PIN beside users with one (an older shop file) chooses theirs by logging in
  const choosing = chosen !== undefined && !chosen.hasPin && active.some((u) => u.hasPin);
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
          label={t('session.who')}
          data={options}
          value={userId}
          onChange={setUserId}
          // a name chosen (even the one already there): on to the PIN, once the list has closed
          onOptionSubmit={() => setTimeout(() => pinInput.current?.focus(), 0)}
          {...keyboardSearch}
          filter={filter}
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
