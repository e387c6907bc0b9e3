import { Alert, Button, Modal, PasswordInput, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { ApiError, call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** Hand the till to someone else: pick the name, type the PIN, Enter. */
export function SwitchUserModal(props: { onClose: () => void }) {
  const { t } = useI18n();
  const { setUser } = useShop();
  const users = useQuery('users.list', {});
  const [userId, setUserId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!userId) return;
    try {
      setUser(await call('session.login', { userId: Number(userId), pin }));
      props.onClose();
    } catch (e) {
      setPin('');
      setError(e instanceof ApiError && /too many/.test(e.error.message) ? t('session.locked') : t('session.wrongPin'));
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={t('session.switch')}>
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
          />
          <PasswordInput label={t('session.pin')} value={pin} onChange={(e) => setPin(e.currentTarget.value)} inputMode="numeric" autoComplete="off" />
          {error && <Alert color="red">{error}</Alert>}
          <Button type="submit" disabled={!userId}>
            {t('session.enter')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
