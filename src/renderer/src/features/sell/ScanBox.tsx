import { Group, Kbd, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';

export interface ScanBoxHandle {
  focus(): void;
  /** Empties the box and its results (a code was scanned, the next customer comes). */
  clear(): void;
  /** Whether el is the scan box's own input. */
  holds(el: Element | null): boolean;
}

interface Props {
  /** A code scanned or typed, or the sku of the result picked. */
  onScan(code: string): void;
  /** Several products match the name typed: says so above the cart. */
  onPickOne(n: number): void;
  /** Escape in the box: the till's message (an unknown code, a refusal) is put away. */
  onEscape(): void;
}

/**
 * The till's scan box and the products matching what is typed in it. It owns what is typed: a key
 * re-renders this box and its few results, never the cart, whose rows cost time with every line.
 */
export const ScanBox = forwardRef<ScanBoxHandle, Props>(function ScanBox({ onScan, onPickOne, onEscape }, ref) {
  const { t } = useI18n();
  const { money } = useShop();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 80);
  const search = useQuery('products.list', { search: debounced, limit: 8, withTotal: false }, [debounced]);
  // ↑ ↓ highlight a result, Enter adds it, Escape closes the list
  const [highlight, setHighlight] = useState(-1);
  const [resultsClosed, setResultsClosed] = useState(false);
  const results = text.trim() && !resultsClosed ? (search.data?.items ?? []) : [];

  useImperativeHandle(ref, () => ({
    focus: () => input.current?.focus(),
    clear: () => {
      setText('');
      setHighlight(-1);
      setResultsClosed(false);
    },
    holds: (el) => el !== null && el === input.current,
  }));

  const onKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      onEscape();
      if (!results.length) return;
      e.preventDefault();
      setResultsClosed(true);
      setHighlight(-1);
      return;
    }
    if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !results.length) return;
    // the arrows move through the results here, not through the cart lines (the page's hotkeys)
    e.preventDefault();
    e.stopPropagation();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    setHighlight((h) => (h < 0 ? (step > 0 ? 0 : results.length - 1) : (h + step + results.length) % results.length));
  };

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const first = search.data?.items[0];
          const picked = results[highlight];
          if (picked) onScan(picked.sku);
          else if (debounced === text && results.length > 1) {
            // several products match the name typed: one is chosen, not looked up as a barcode
            setHighlight(0);
            onPickOne(results.length);
          } else if (text.trim()) onScan(first && debounced === text && search.data?.items.length === 1 ? first.sku : text.trim());
        }}
      >
        <TextInput
          ref={input}
          size="lg"
          placeholder={t('sell.scanPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setHighlight(-1);
            setResultsClosed(false);
          }}
          onKeyDown={onKey}
          aria-controls={results.length ? 'sell-search-results' : undefined}
          aria-activedescendant={results[highlight] ? `sell-result-${results[highlight].id}` : undefined}
          autoFocus
          data-scan-box
          aria-label={t('sell.scanPlaceholder')}
          rightSection={<Kbd>F2</Kbd>}
        />
      </form>
      {results.length > 0 && (
        <Paper withBorder mt={4} p={4} data-testid="search-results" id="sell-search-results" role="listbox" aria-label={t('sell.scanPlaceholder')}>
          {results.map((p, i) => (
            <Group
              key={p.id}
              id={`sell-result-${p.id}`}
              role="option"
              aria-selected={i === highlight}
              justify="space-between"
              px="xs"
              py={4}
              bg={i === highlight ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ cursor: 'pointer', borderRadius: 'var(--mantine-radius-sm)' }}
              onMouseEnter={() => setHighlight(i)}
              onClick={() => onScan(p.sku)}
            >
              <Text size="sm">
                {p.name}{' '}
                <Text span c="dimmed" size="xs">
                  {p.sku}
                </Text>
              </Text>
              <Text size="sm">{money(p.priceMinor)}</Text>
            </Group>
          ))}
        </Paper>
      )}
    </>
  );
});
