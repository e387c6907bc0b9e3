import { Button, Group, Text } from '@mantine/core';

/**
 * Under a list drawn a page at a time: how much of it is drawn, and a button that draws more. A long list
 * drawn whole stalls the page for seconds (4 000 stock rows), so the rest waits for the owner to ask.
 */
export function ShowMore({ summary, more, onMore, testId }: { summary: string; more: string; onMore: () => void; testId: string }) {
  return (
    <Group gap="sm" mt="xs" data-testid={testId}>
      <Text size="sm" c="dimmed" data-testid={`${testId}-count`}>
        {summary}
      </Text>
      <Button variant="light" size="compact-sm" onClick={onMore} data-testid={`${testId}-button`}>
        {more}
      </Button>
    </Group>
  );
}

/**
 * After « more », the keyboard goes on from the first row just drawn (where the button stood), not from
 * a button now far below or gone. `row` is that row, or a box inside it when it has one.
 */
export function focusFirstNew(row: HTMLElement | null | undefined) {
  if (!row) return;
  const box = row.querySelector<HTMLElement>('input:not([disabled])');
  if (box) return box.focus();
  row.tabIndex = -1;
  row.focus();
}
