import { Alert, Stack, Text } from '@mantine/core';
import type { StatusLine } from './statusLines';

const COLOR = { error: 'red', warn: 'yellow' } as const;

/** The backups' state: what needs doing as alerts, the rest as plain lines. */
export function StatusLines({ lines }: { lines: StatusLine[] }) {
  return (
    <Stack gap={6} data-testid="backup-status">
      {lines.map((line) =>
        line.level === 'error' || line.level === 'warn' ? (
          <Alert key={line.id} color={COLOR[line.level]} p="xs" data-testid={`backup-status-${line.id}`} data-level={line.level}>
            <Text size="sm">{line.text}</Text>
          </Alert>
        ) : (
          <Text key={line.id} size="sm" c={line.level === 'info' ? 'dimmed' : undefined} data-testid={`backup-status-${line.id}`} data-level={line.level}>
            {line.text}
          </Text>
        ),
      )}
    </Stack>
  );
}
