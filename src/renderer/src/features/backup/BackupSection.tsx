import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { AUTO_KEPT, type BackupInfo, type BackupMade } from '../../../../shared/api/contract';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { RoleGate } from '../../components/RoleGate';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatSize } from '../../i18n/size';
import type { Translate } from '../../i18n/translate';
import { takeSection } from '../dashboard/go';
import { UnsavedMarker, useSettingsDraft } from '../settings/settingsDraft';
import { backupStatusLines, backupWhen } from './statusLines';
import { StatusLines } from './StatusLines';

const WHERE = { pc: 'gray', folder: 'orange', both: 'teal' } as const;
const whereOf = (b: BackupInfo): keyof typeof WHERE => (b.onPc && b.inFolder ? 'both' : b.onPc ? 'pc' : 'folder');

/** What became of a backup made by hand, with its copy to the owner's folder. */
function madeText(made: BackupMade, t: Translate, locale: 'fr' | 'en'): string {
  const copy = made.copiedTo
    ? ` ${t('backup.copied', { path: made.copiedTo })}`
    : made.copyError
      ? ` ${t('backup.copyFailed', { folder: made.copyError.folder, message: t(`backup.copyWhy.${made.copyError.problem}`, { message: made.copyError.message }) })}`
      : '';
  return `${t('backup.made', { size: formatSize(made.bytes, locale) })}${copy}`;
}

/**
 * Settings > Backups, for a manager or the owner: whether the data is safe (the last backup, the last
 * copy off the PC, what failed), the backups on this PC and on the USB key, one made now, the owner's
 * folder for the copies and, for the owner, a restore at the next start.
 */
export function BackupSection() {
  const { t, locale } = useI18n();
  const { settings, info, user, reloadSettings } = useShop();
  const list = useQuery('backup.list', {});
  const status = useQuery('backup.status', {});
  const section = useRef<HTMLDivElement>(null);
  const backUpRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!takeSection('backups')) return;
    section.current?.scrollIntoView({ block: 'start' });
    // opened to back up (the dashboard's warning): the button is under the cursor
    backUpRef.current?.focus({ preventScroll: true });
  }, []);
  // the folder typed and not saved stays, marked, when the owner goes to another page and comes back
  const folderDraft = useSettingsDraft('backupFolder', settings.backupFolder, user?.role === 'owner');
  const { value: folder, set: setFolder } = folderDraft;
  // spaces around the path are not a change (they are not saved)
  const folderChanged = folderDraft.dirty && folder.trim() !== settings.backupFolder;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [making, setMaking] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restarting, setRestarting] = useState(false);
  const when = (iso: string) => backupWhen(iso, locale);
  const reload = () => {
    list.reload();
    status.reload();
  };

  const saveFolder = async () => {
    try {
      await call('settings.save', { backupFolder: folder.trim() });
      folderDraft.savedAs(folder.trim());
      await reloadSettings();
      reload();
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
      notifications.show({ color: made.copyError ? 'yellow' : 'green', message: madeText(made, t, locale), autoClose: made.copyError ? false : 6000 });
    } catch (error) {
      handleFailure(error, t, []);
    } finally {
      reload();
      setMaking(false);
    }
  };
  const restore = async (b: BackupInfo) => {
    try {
      await call('backup.restore', { file: b.file });
      setRestarting(true);
      // the status says it waits for the next start, after a reload of the page too
      status.reload();
    } catch (error) {
      handleFailure(error, t, []);
      setRestoring(null);
    }
  };

  const cancelRestore = async () => {
    try {
      await call('backup.cancelRestore', {});
      notifications.show({ color: 'green', message: t('backup.restoreCancelled') });
    } catch (error) {
      handleFailure(error, t, []);
    }
    status.reload();
  };

  const rows = list.data ?? [];
  return (
    <Paper withBorder p="md" maw={760} mt="md" data-testid="backups" ref={section} data-unsaved={folderChanged || undefined}>
      <Title order={4} mb="xs">
        {t('backup.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('backup.help', { n: AUTO_KEPT })}
      </Text>
      {status.data && (
        <Paper bg="gray.0" p="xs" mb="md" radius="sm">
          <StatusLines lines={backupStatusLines(status.data, new Date(), t, locale)} />
          {status.data.pendingRestore && (
            <RoleGate need="backup.cancelRestore">
              <Button size="compact-sm" variant="light" color="orange" mt={6} onClick={() => void cancelRestore()} data-testid="cancel-restore">
                {t('backup.cancelRestore')}
              </Button>
            </RoleGate>
          )}
        </Paper>
      )}
      <Group align="flex-end" mb="md" wrap="nowrap">
        <TextInput
          flex={1}
          label={t('backup.folder')}
          description={t('backup.folderSafe')}
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
      {folderChanged && (
        <Group justify="flex-end" mb="md">
          <UnsavedMarker draft={folderDraft} onDiscarded={() => setErrors({})} />
        </Group>
      )}
      <Button mb="md" loading={making} onClick={() => void backUp()} ref={backUpRef} data-testid="backup-now">
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
              <Table.Th>{t('backup.where')}</Table.Th>
              <Table.Th ta="right">{t('backup.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={b.file} data-testid="backup-row" data-where={whereOf(b)} c={b.otherShop ? 'dimmed' : undefined}>
                <Table.Td>{when(b.at)}</Table.Td>
                <Table.Td>
                  {t(`backup.kind.${b.kind}` as MessageKey)}
                  {b.otherShop && (
                    <Badge ml="xs" variant="outline" color="gray" size="sm" title={t('backup.otherShopHint')}>
                      {t('backup.otherShop')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={WHERE[whereOf(b)]} size="sm">
                    {t(`backup.where.${whereOf(b)}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatSize(b.bytes, locale)}</Table.Td>
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
              <Text size="sm" data-testid="backup-restore-receipts">
                {t('backup.restoreReceipts')}
              </Text>
              {!restoring.onPc && <Text size="sm">{t('backup.restoreFromFolder', { folder: settings.backupFolder })}</Text>}
              <Text size="sm" c="dimmed" data-testid="backup-restore-keeps">
                {t(status.data?.restoreKeepsUsers === false ? 'backup.restoreKeepsNewPc' : 'backup.restoreKeeps')}
              </Text>
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
