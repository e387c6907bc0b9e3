import { Badge, Button, Group, Paper, PasswordInput, Select, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ROLES, type Role, type UserRecord } from '../../../../shared/domain/user';
import { ApiError, call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { wrongPinsLine } from './wrongPinsText';

/** The idle times the owner can choose (minutes); 0 = never. */
const AUTO_LOCK_CHOICES = [0, 2, 5, 10, 15, 30, 60];

/** The owner's list of people who use the till, with their role, PIN and whether they still work here. */
export function UsersSection() {
  const { t, locale } = useI18n();
  const { settings, reloadSettings, reloadPins, user } = useShop();
  const users = useQuery('users.list', {});
  const [editing, setEditing] = useState<UserRecord | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [active, setActive] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const edit = (u: UserRecord | null) => {
    setEditing(u);
    setName(u?.name ?? '');
    setRole(u?.role ?? 'cashier');
    setPin('');
    setActive(u?.active ?? true);
    setErrors({});
  };
  // turning oneself off would lock the till at once, in the middle of the owner's own visit to Settings
  const self = editing !== null && editing.id === user?.id;
  const save = async () => {
    try {
      await call('users.save', { id: editing?.id, name, role, pin: pin || undefined, active });
      notifications.show({ color: 'green', message: t('common.saved') });
      edit(null);
      users.reload();
      reloadPins();
    } catch (error) {
      const fields = handleFailure(error, t, ['name', 'role', 'pin']);
      // main names the role when no active owner would be left; when the switch was turned off, the switch is why
      const lastOwner = error instanceof ApiError && error.error.details?.reason === 'last_owner';
      setErrors(lastOwner && !active && fields.role ? { active: fields.role } : fields);
    }
  };
  const saveAutoLock = async (minutes: number) => {
    try {
      await call('settings.save', { autoLockMinutes: minutes });
      await reloadSettings();
      notifications.show({ color: 'green', message: t('common.saved') });
    } catch (error) {
      handleFailure(error, t, []);
    }
  };
  const autoLockChoices = AUTO_LOCK_CHOICES.includes(settings.autoLockMinutes) ? AUTO_LOCK_CHOICES : [...AUTO_LOCK_CHOICES, settings.autoLockMinutes].sort((a, b) => a - b);
  return (
    <Paper withBorder p="md" maw={760} mt="md">
      <Title order={4} mb="sm">
        {t('users.title')}
      </Title>
      <Select
        mb="md"
        maw={360}
        label={t('users.autoLock')}
        description={t('users.autoLockHint')}
        data={autoLockChoices.map((n) => ({ value: String(n), label: n === 0 ? t('users.autoLockNever') : t('users.autoLockMinutes', { n }) }))}
        value={String(settings.autoLockMinutes)}
        onChange={(v) => v !== null && void saveAutoLock(Number(v))}
        allowDeselect={false}
        data-testid="auto-lock"
      />
      <Table mb="md" data-testid="users-table">
        <Table.Tbody>
          {users.data?.map((u) => {
            // someone who left is greyed out, their Edit button kept plain: turning them back on is one click away
            const dim = u.active ? undefined : { opacity: 0.55 };
            return (
              <Table.Tr key={u.id} data-testid={`user-row-${u.id}`} data-active={u.active}>
                <Table.Td>
                  <span style={dim}>{u.name}</span>{' '}
                  {!u.active && (
                    <Badge color="gray" size="sm">
                      {t('common.inactive')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={dim}>
                  <Badge variant="light">{t(`role.${u.role}` as MessageKey)}</Badge>
                </Table.Td>
                <Table.Td style={dim}>
                  {u.hasPin ? t('users.pinSet') : t('users.noPin')}
                  {u.wrongPins && (
                    <Text size="xs" c="orange.9" data-testid={`wrong-pins-${u.id}`}>
                      {wrongPinsLine(u.wrongPins, t, locale)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => edit(u)}>
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <form
        data-testid="user-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Group align="start" grow>
          <TextInput label={t('users.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <Select
            label={t('users.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
            value={role}
            onChange={(r) => r && setRole(r as Role)}
            allowDeselect={false}
            error={errors.role}
          />
          <PasswordInput
            label={editing ? t('users.newPin') : t('session.pin')}
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value)}
            error={errors.pin}
            inputMode="numeric"
            autoComplete="off"
            data-testid="user-pin"
          />
        </Group>
        {editing && (
          <Switch
            mt="md"
            label={t('common.active')}
            description={self ? t('users.selfActive') : t('users.activeHint')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            disabled={self}
            error={errors.active}
            data-testid="user-active"
          />
        )}
        <Group justify="flex-end" mt="sm">
          {editing && (
            <Button variant="default" onClick={() => edit(null)}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit">{editing ? t('common.save') : t('users.add')}</Button>
        </Group>
      </form>
    </Paper>
  );
}
