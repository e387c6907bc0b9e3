import { Badge, Button, Checkbox, Group, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Alert } from '../../../shared/api/contract';
import { api, call } from '../api/api';
import { useQuery } from '../api/hooks';
import { WriteOffLotModal } from '../features/alerts/WriteOffLotModal';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const COLORS = { critical: 'red', warning: 'orange', info: 'blue' } as const;

export function AlertsPage() {
  const { t, locale } = useI18n();
  const [includeResolved, setIncludeResolved] = useState(false);
  const [writingOff, setWritingOff] = useState<Alert | null>(null);
  const alerts = useQuery('alerts.list', { includeResolved }, [includeResolved]);
  const { reload } = alerts;
  useEffect(() => api.on('alerts.changed', () => reload()), [reload]);
  // messages are refreshed after each movement, once main has recomputed
  useEffect(() => api.on('replenishment.changed', () => reload()), [reload]);
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const act = async (a: Alert, what: 'ack' | 'snooze') => {
    if (what === 'ack') await call('alerts.acknowledge', { id: a.id });
    else await call('alerts.snooze', { id: a.id, hours: 24 });
    reload();
  };
  const now = new Date().toISOString();
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('alerts.title')}</Title>
        <Checkbox label={t('alerts.showResolved')} checked={includeResolved} onChange={(e) => setIncludeResolved(e.currentTarget.checked)} />
      </Group>
      {alerts.data && alerts.data.length === 0 && (
        <Text c="dimmed" data-testid="alerts-empty">
          {t('alerts.none')}
        </Text>
      )}
      {alerts.data && alerts.data.length > 0 && (
        <Table striped verticalSpacing="xs" data-testid="alerts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t('alerts.type')}</Table.Th>
              <Table.Th>{t('alerts.message')}</Table.Th>
              <Table.Th w={130}>{t('alerts.since')}</Table.Th>
              <Table.Th w={330} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.data.map((a) => {
              const snoozed = a.snoozedUntil && a.snoozedUntil > now;
              return (
                <Table.Tr key={a.id} data-testid={`alert-${a.type}`} data-product={a.productName ?? ''} style={{ opacity: a.resolvedAt || a.acknowledgedAt || snoozed ? 0.6 : 1 }}>
                  <Table.Td>
                    <Badge color={COLORS[a.severity]} variant={a.severity === 'critical' ? 'filled' : 'light'} title={t(`alerts.severity.${a.severity}` as MessageKey)} style={{ minWidth: 'max-content' }}>
                      {t(`alerts.type.${a.type}` as MessageKey)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.message}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{when(a.firstSeen)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {a.resolvedAt ? (
                      <Text size="xs" c="dimmed">
                        {t('alerts.resolved', { d: when(a.resolvedAt) })}
                      </Text>
                    ) : (
                      <Group gap={6} wrap="nowrap">
                        {a.lot && a.productId !== null && (
                          <Button size="compact-xs" color="red" variant="light" onClick={() => setWritingOff(a)} data-testid="alert-write-off">
                            {t('alerts.writeOff')}
                          </Button>
                        )}
                        {a.acknowledgedAt ? (
                          <Badge variant="outline" color="gray">
                            {t('alerts.acknowledged')}
                          </Badge>
                        ) : (
                          <Button size="compact-xs" variant="light" onClick={() => void act(a, 'ack')}>
                            {t('alerts.acknowledge')}
                          </Button>
                        )}
                        {snoozed ? (
                          <Text size="xs" c="dimmed">
                            {t('alerts.snoozedUntil', { d: when(a.snoozedUntil!) })}
                          </Text>
                        ) : (
                          <Button size="compact-xs" variant="subtle" onClick={() => void act(a, 'snooze')}>
                            {t('alerts.snooze')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {writingOff?.lot && writingOff.productId !== null && (
        <WriteOffLotModal
          alert={{ ...writingOff, productId: writingOff.productId, lot: writingOff.lot }}
          onClose={() => {
            setWritingOff(null);
            reload();
          }}
        />
      )}
    </>
  );
}
