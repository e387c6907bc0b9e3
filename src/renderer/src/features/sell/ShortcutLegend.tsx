import { Group, Kbd, Paper, SimpleGrid, Text, type MantineSpacing, type StyleProp } from '@mantine/core';
import { Fragment } from 'react';

export interface Shortcut {
  /** Keys pressed together, e.g. ['Maj', 'F7']. */
  keys: string[];
  label: string;
}

/**
 * Every shortcut of a screen, in one place and one style: the keys in a column, then what they do.
 * `cols` lays them out side by side where the legend runs across the page instead of down a side column.
 */
export function ShortcutLegend(props: { title: string; shortcuts: Shortcut[]; mt?: MantineSpacing; cols?: StyleProp<number> }) {
  return (
    <Paper withBorder p="sm" mt={props.mt} data-testid="shortcut-legend">
      <Text size="xs" fw={600} c="dimmed" mb={6}>
        {props.title}
      </Text>
      <SimpleGrid cols={props.cols ?? 1} spacing="md" verticalSpacing={3}>
        {props.shortcuts.map((s) => (
          <Group key={s.keys.join('+') + s.label} gap="xs" wrap="nowrap">
            <Group gap={2} wrap="nowrap" w={72} justify="flex-end" style={{ flexShrink: 0 }}>
              {s.keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 && (
                    <Text span size="xs" c="dimmed">
                      +
                    </Text>
                  )}
                  <Kbd size="xs">{k}</Kbd>
                </Fragment>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {s.label.charAt(0).toLocaleUpperCase() + s.label.slice(1)}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
