import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { api } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { go } from '../dashboard/go';
import { backupStatusLines } from './statusLines';

/**
 * On the dashboard, for a manager or the owner, only when something needs doing: a backup that
 * failed, copies that no longer reach the USB key, no copy off the PC at all, a restore not done.
 */
export function BackupWarning() {
  const { t, locale } = useI18n();
  const { data, reload } = useQuery('backup.status', {});
  useEffect(() => api.on('backup.failed', () => reload()), [reload]);
  const lines = data ? backupStatusLines(data, new Date(), t, locale).filter((l) => l.level === 'error' || l.level === 'warn') : [];
  if (lines.length === 0) return null;
  return (
    <Alert color={lines.some((l) => l.level === 'error') ? 'red' : 'yellow'} title={t('backup.dashboard.title')} data-testid="dashboard-backup">
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm">
        <Stack gap={4}>
          {lines.map((l) => (
            <Text key={l.id} size="sm" data-testid={`dashboard-backup-${l.id}`}>
              {l.text}
            </Text>
          ))}
        </Stack>
        <Button size="xs" variant="white" style={{ flexShrink: 0 }} onClick={() => go('settings', 'backups')} data-testid="dashboard-open-backups">
          {t('backup.dashboard.open')}
        </Button>
      </Group>
    </Alert>
  );
}
