import { Alert, Button, Group, Paper, PasswordInput, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { isSyncFailureReason, rowsOf, type SyncClockOff, type SyncStatus } from '../../../../shared/api/contract';
import type { Locale } from '../../../../shared/domain/settings';
import { api, ApiError, call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { RoleGate } from '../../components/RoleGate';
import { UnsavedMarker, useSettingsDraft } from '../settings/settingsDraft';
import { counted } from '../dashboard/format';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const PENDING_KINDS = ['sales', 'movements', 'products', 'events'] as const;

/**
 * Settings > Central server, for a manager or the owner: what is waiting to be sent and whether the
 * last push got through (in plain words), a push now with its progress, and for the owner the
 * server's address and the shop's key.
 */
export function SyncSection() {
  const { t, locale } = useI18n();
  const { user } = useShop();
  const status = useQuery('sync.status', {});
  const isOwner = user?.role === 'owner';
  // the address typed and not saved stays, marked, when the owner goes to another page and comes back
  // (not the key: a secret is not kept once the page is left)
  const urlDraft = useSettingsDraft('syncUrl', status.data?.url ?? '', isOwner);
  const { value: url, set: setUrl } = urlDraft;
  const urlChanged = urlDraft.dirty && status.data !== null && url.trim() !== status.data.url;
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const s = status.data;
  const { reload } = status;
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const when = (iso: string) => new Date(iso).toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' });

  useEffect(() => api.on('sync.progress', (p) => setProgress(p)), []);
  useEffect(
    () =>
      api.on('sync.finished', () => {
        setProgress(null);
        reload();
      }),
    [reload],
  );

  const save = async (next: { url: string; key?: string }, done: MessageKey) => {
    try {
      await call('sync.configure', next);
      urlDraft.savedAs(next.url);
      setKey('');
      setErrors({});
      reload();
      notifications.show({ color: 'green', message: t(done) });
    } catch (error) {
      setErrors(handleFailure(error, t, ['url', 'key'], locale));
    }
  };
  const push = async () => {
    setProgress({ sent: 0, total: 0 });
    try {
      const outcome = await call('sync.push', {});
      const n = rowsOf(outcome.sent);
      notifications.show({ color: 'green', message: n === 0 ? t('sync.nothing') : counted(t, locale, 'sync.done', n) });
    } catch (error) {
      // a push that did not get through is told by the status below, in full; other refusals (busy) here
      const reason = error instanceof ApiError ? (error.error.details?.reason ?? '') : '';
      if (!isSyncFailureReason(reason)) handleFailure(error, t, [], locale);
    } finally {
      setProgress(null);
      reload();
    }
  };

  return (
    <Paper withBorder p="md" maw={760} mt="md" data-testid="sync" data-unsaved={urlChanged || undefined}>
      <Title order={4} mb="xs">
        {t('sync.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sync.help')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save({ url: url.trim(), ...(key.trim() ? { key: key.trim() } : {}) }, 'sync.saved');
        }}
      >
        <Stack gap="xs" mb="md">
          <TextInput
            label={t('sync.url')}
            placeholder={t('sync.urlPlaceholder')}
            value={url}
            error={errors.url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            disabled={!isOwner}
          />
          {isOwner && (
            <PasswordInput
              label={t('sync.key')}
              placeholder={s?.keySet ? t('sync.keyKept') : t('sync.keyPlaceholder')}
              value={key}
              error={errors.key}
              onChange={(e) => setKey(e.currentTarget.value)}
              autoComplete="off"
            />
          )}
          <Group>
            <RoleGate need="sync.configure">
              <Button type="submit" variant="default" disabled={url.trim() === (s?.url ?? '') && key.trim() === ''}>
                {t('sync.save')}
              </Button>
            </RoleGate>
            {s?.url && (
              <RoleGate need="sync.configure">
                <Button variant="subtle" color="red" onClick={() => void save({ url: '' }, 'sync.stopped')}>
                  {t('sync.stop')}
                </Button>
              </RoleGate>
            )}
            {urlChanged && (
              <UnsavedMarker draft={urlDraft} onDiscarded={() => setErrors({})} />
            )}
          </Group>
        </Stack>
      </form>
      {s && <SyncState status={s} when={when} />}
      {s?.url && (
        <Stack gap={4} mt="sm">
          <Group>
            <Button onClick={() => void push()} loading={progress !== null || s.running}>
              {t('sync.pushNow')}
            </Button>
          </Group>
          {progress && progress.total > 0 && (
            <>
              <Progress value={Math.min(100, (100 * progress.sent) / progress.total)} aria-label={t('sync.pushNow')} data-testid="sync-progress" />
              <Text size="xs" c="dimmed">
                {t('sync.progress', { sent: progress.sent.toLocaleString(tag), total: progress.total.toLocaleString(tag) })}
              </Text>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function SyncState({ status, when }: { status: SyncStatus; when: (iso: string) => string }) {
  const { t, locale } = useI18n();
  if (!status.url) return <Text size="sm">{t('sync.off')}</Text>;
  const waiting = PENDING_KINDS.filter((k) => status.pending[k] > 0).map((k) => counted(t, locale, `sync.pending.${k}`, status.pending[k]));
  const failure = status.lastFailure;
  return (
    <Stack gap={4} data-testid="sync-status">
      <Text size="sm">{status.lastSuccessAt ? t('sync.lastSuccess', { at: when(status.lastSuccessAt) }) : t('sync.never')}</Text>
      <Text size="sm">{waiting.length ? t('sync.pending', { list: waiting.join(', ') }) : t('sync.allSent')}</Text>
      {status.clockOff && (
        <Alert color="orange" data-testid="sync-clock">
          {t(status.clockOff.minutes > 0 ? 'sync.clockAhead' : 'sync.clockBehind', { duration: clockSpan(status.clockOff, t, locale) })}
        </Alert>
      )}
      {failure && (
        <Alert color="red" title={t('sync.failedTitle', { at: when(failure.at) })} data-testid="sync-failure">
          {t(`sync.fail.${failure.code}` as MessageKey, { message: failure.message })}
          {/* the server's own words (English, naming the field): for the owner, after the plain sentence */}
          {failure.code === 'refused' && (
            <Text size="xs" c="dimmed" mt={4} ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="sync-failure-detail">
              {t('sync.fail.detail', { message: failure.message })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}

/** How far off the clock is: "25 min", "3 h", "1 h 30 min" (to 5 minutes), "365 jours" past two days. */
function clockSpan(off: SyncClockOff, t: Translate, locale: Locale): string {
  const minutes = Math.abs(off.minutes);
  if (minutes < 60) return t('sync.clock.minutes', { n: minutes });
  if (minutes >= 48 * 60) return counted(t, locale, 'sync.clock.days', Math.round(minutes / 1440));
  const fives = Math.round(minutes / 5) * 5;
  const [h, m] = [Math.floor(fives / 60), fives % 60];
  return m === 0 ? t('sync.clock.hours', { h }) : t('sync.clock.hoursMinutes', { h, m });
}
