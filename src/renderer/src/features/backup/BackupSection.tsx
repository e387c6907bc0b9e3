import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { AUTO_KEPT, type BackupInfo } from '../../../../shared/api/contract';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { RoleGate } from '../../components/RoleGate';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/**
 * Settings > Backups, for a manager or the owner: the backups beside the shop file, one made now, the
 * owner's folder for a copy (a USB key) and, for the owner, a restore at the next start.
 */
export function BackupSection() {
  const { t, locale } = useI18n();
  const { settings, info, user, reloadSettings } = useShop();
  const list = useQuery('backup.list', {});
  const [folder, setFolder] = useState(settings.backupFolder);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [making, setMaking] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restarting, setRestarting] = useState(false);
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const when = (iso: string) => new Date(iso).toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? `${(bytes / (1024 * 1024)).toLocaleString(tag, { maximumFractionDigits: 1 })} ${locale === 'fr' ? 'Mo' : 'MB'}`
      : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(tag)} ${locale === 'fr' ? 'Ko' : 'KB'}`;

  const saveFolder = async () => {
    try {
      await call('settings.save', { backupFolder: folder.trim() });
      await reloadSettings();
      setErrors({});
      notifications.show({ color: 'green', message: t('common.saved') });
    } catch (error) {
      setErrors(handleFailure(error, t, ['backupFolder']));
    }
  };
  const backUp = async () => {
    setMaking(true);
    try {
      const made = await call('backup.create', {});
      const copy = made.copiedTo
        ? ` ${t('backup.copied', { path: made.copiedTo })}`
        : made.copyError
          ? ` ${t(made.copyError.missing ? 'backup.copyMissing' : 'backup.copyFailed', { folder: made.copyError.folder, message: made.copyError.message })}`
          : '';
      notifications.show({ color: made.copyError ? 'yellow' : 'green', message: `${t('backup.made', { size: size(made.bytes) })}${copy}`, autoClose: made.copyError ? false : 6000 });
      list.reload();
    } catch (error) {
      handleFailure(error, t, []);
    } finally {
      setMaking(false);
    }
  };
  const restore = async (b: BackupInfo) => {
    try {
      await call('backup.restore', { file: b.file });
      setRestarting(true);
    } catch (error) {
      handleFailure(error, t, []);
      setRestoring(null);
    }
  };

  const rows = list.data ?? [];
  return (
    <Paper withBorder p="md" maw={760} mt="md" data-testid="backups">
      <Title order={4} mb="xs">
        {t('backup.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('backup.help', { n: AUTO_KEPT })}
      </Text>
      <Group align="flex-end" mb="md" wrap="nowrap">
        <TextInput
          flex={1}
          label={t('backup.folder')}
          placeholder={t('backup.folderPlaceholder')}
          value={folder}
          error={errors.backupFolder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          disabled={user?.role !== 'owner'}
        />
        <RoleGate need="settings.save">
          <Button variant="default" onClick={() => void saveFolder()} disabled={folder.trim() === settings.backupFolder}>
            {t('backup.folderSave')}
          </Button>
        </RoleGate>
      </Group>
      <Button mb="md" loading={making} onClick={() => void backUp()}>
        {t('backup.now')}
      </Button>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('backup.none')}
        </Text>
      ) : (
        <Table striped verticalSpacing={4} data-testid="backup-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.when')}</Table.Th>
              <Table.Th>{t('backup.kind')}</Table.Th>
              <Table.Th ta="right">{t('backup.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={b.file} data-testid="backup-row">
                <Table.Td>{when(b.at)}</Table.Td>
                <Table.Td>{t(`backup.kind.${b.kind}` as MessageKey)}</Table.Td>
                <Table.Td ta="right">{size(b.bytes)}</Table.Td>
                <Table.Td ta="right">
                  <RoleGate need="backup.restore">
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRestoring(b)}>
                      {t('backup.restore')}
                    </Button>
                  </RoleGate>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {restoring && (
        <Modal opened onClose={() => !restarting && setRestoring(null)} withCloseButton={!restarting} title={t('backup.restoreTitle', { d: when(restoring.at) })}>
          {restarting ? (
            <Alert color="blue" data-testid="backup-restart">
              {t(info?.mode === 'electron' ? 'backup.restartElectron' : 'backup.restartWeb')}
            </Alert>
          ) : (
            <Stack>
              <Text size="sm">{t('backup.restoreBody')}</Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setRestoring(null)} data-autofocus>
                  {t('common.cancel')}
                </Button>
                <Button color="red" onClick={() => void restore(restoring)}>
                  {t('backup.restoreConfirm')}
                </Button>
              </Group>
            </Stack>
          )}
        </Modal>
      )}
    </Paper>
  );
}
