import { Alert, Button, PasswordInput, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { call } from '../../api/api';
import { errorText } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { wrongPinsNotice } from './wrongPinsText';

/** Who is at the till: pick the name, type the PIN, Enter. Used to switch user and to unlock. */
export function LoginForm(props: { onDone?: () => void }) {
  const { t, locale } = useI18n();
  const { setUser } = useShop();
  const users = useQuery('users.list', {});
  const [userId, setUserId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = (users.data ?? []).find((u) => String(u.id) === userId);
  // a user without a PIN beside users with one (an older shop file) chooses theirs by logging in
  const choosing = chosen !== undefined && !chosen.hasPin && (users.data ?? []).some((u) => u.active && u.hasPin);
  const submit = async () => {
    if (!userId) return;
    try {
      const { wrongPins, ...user } = await call('session.login', { userId: Number(userId), pin });
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
          data={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: String(u.id), label: `${u.name} (${t(`role.${u.role}` as MessageKey)})` }))}
          value={userId}
          onChange={setUserId}
          allowDeselect={false}
          data-autofocus
          autoFocus
          data-testid="login-user"
        />
        <PasswordInput
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
