import { CheckIcon, Combobox, Group, InputBase, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue, useId } from '@mantine/hooks';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../api/api';
import { useI18n } from '../i18n/i18n';
import { foldForSearch } from '../../../shared/domain/search';

interface Option {
  value: number;
  label: string;
  /** What a scan or a typed reference names exactly: the product's SKU and barcodes. */
  codes?: string[];
}

/**
 * Searches products on the server as you type (name, SKU or barcode). Keyboard first: the list shows
 * only the matches of what is typed, the first one highlighted. As at the till, Enter picks only what
 * is certain: the one product that matches, the one whose SKU or barcode is exactly what was typed,
 * or the one moved to with ↓ ↑; with several matches it says so and waits for ↓ ↑ (Enter before the
 * server has answered is decided when it does: a scan ends with Enter). Esc (or leaving the field)
 * puts back the chosen product's name. The chosen product is listed first only while nothing is typed.
 */
export function ProductPicker(props: { label: string; value: number | null; onChange: (id: number | null) => void; error?: string }) {
  const { t } = useI18n();
  const combobox = useCombobox();
  const listId = useId();
  /** The last product picked here, with its label: the parent's value names it by id only. */
  const [picked, setPicked] = useState<Option | null>(null);
  const current = picked && picked.value === props.value ? picked : null;
  /** What is typed; null while the field shows the chosen product's label. */
  const [typed, setTyped] = useState<string | null>(null);
  const query = typed?.trim() ?? '';
  const [debounced] = useDebouncedValue(query, 100);
  const [results, setResults] = useState<{ query: string; options: Option[] } | null>(null);
  /** The option moved to with ↓/↑ since the last text change; null: the first one. */
  const [moved, setMoved] = useState<number | null>(null);
  /** Enter came before the server answered the text typed: decide when it does. */
  const enterPending = useRef(false);
  /** How many products matched when Enter could not pick one; null: no such question on screen. */
  const [ambiguous, setAmbiguous] = useState<number | null>(null);
  const justFocused = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  /** Set by a pick: once the field shows the product's name, select it, so the next typing replaces it. */
  const selectAfterPick = useRef(false);

  useEffect(() => {
    let stale = false;
    call('products.list', { search: debounced, limit: 30, withTotal: false })
      .then((r) => {
        if (!stale) setResults({ query: debounced, options: r.items.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})`, codes: [p.sku, ...p.barcodes] })) });
      })
      .catch(() => {
        if (!stale) setResults({ query: debounced, options: [] });
      });
    return () => {
      stale = true;
    };
  }, [debounced]);

  const fresh = results !== null && results.query === query;
  let options = results === null ? [] : fresh ? results.options : results.options.filter((o) => foldForSearch(o.label).includes(foldForSearch(query)));
  // nothing typed: the chosen product first (checked), whatever the server lists
  if (query === '' && current) options = [current, ...options.filter((o) => o.value !== current.value)];
  const highlighted = options.find((o) => o.value === moved) ?? options[0] ?? null;
  const optionId = (o: Option) => `${listId}-${o.value}`;

  const pick = (o: Option) => {
    enterPending.current = false;
    setAmbiguous(null);
    setPicked(o);
    setTyped(null);
    setMoved(null);
    combobox.closeDropdown();
    selectAfterPick.current = true;
    props.onChange(o.value);
  };

  useEffect(() => {
    if (!selectAfterPick.current) return;
    selectAfterPick.current = false;
    if (input.current && document.activeElement === input.current) input.current.select();
  });

  /** Enter on the server's answer to the text typed: pick the product it surely means, or ask. */
  const enterOn = (matches: Option[]) => {
    const code = query.toLowerCase();
    const exact = matches.filter((o) => o.codes?.some((c) => c.toLowerCase() === code));
    const sure = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : null;
    if (sure) pick(sure);
    else if (matches.length > 1) {
      // as at the till: the first is highlighted, and a second Enter takes it knowingly
      setAmbiguous(matches.length);
      setMoved(matches[0].value);
      combobox.openDropdown();
    }
  };

  useEffect(() => {
    if (!fresh || !enterPending.current) return;
    enterPending.current = false;
    enterOn(results?.options ?? []);
  }, [fresh, results]);

  useEffect(() => {
    if (combobox.dropdownOpened && highlighted) document.getElementById(optionId(highlighted))?.scrollIntoView({ block: 'nearest' });
  }, [combobox.dropdownOpened, highlighted?.value]);

  const restore = () => {
    enterPending.current = false;
    setAmbiguous(null);
    setTyped(null);
    setMoved(null);
    combobox.closeDropdown();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!combobox.dropdownOpened) {
        combobox.openDropdown();
        return;
      }
      if (!options.length) return;
      const at = highlighted ? options.indexOf(highlighted) : -1;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setMoved(options[(at + step + options.length) % options.length].value);
      setAmbiguous(null);
    } else if (e.key === 'Enter') {
      if (!combobox.dropdownOpened && typed === null) return; // nothing being chosen: let the form have it
      e.preventDefault();
      if (moved !== null && highlighted) pick(highlighted);
      else if (typed === null && current) pick(current); // the list opened on the chosen product: keep it
      else if (fresh) enterOn(options);
      else enterPending.current = true;
    } else if (e.key === 'Escape') {
      if (combobox.dropdownOpened || typed !== null) {
        e.preventDefault();
        e.stopPropagation();
      }
      restore();
    }
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(v) => {
        const o = options.find((x) => String(x.value) === v);
        if (o) pick(o);
      }}
    >
      <Combobox.Target withKeyboardNavigation={false} withAriaAttributes={false}>
        <InputBase
          ref={input}
          label={props.label}
          error={props.error}
          role="combobox"
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded={combobox.dropdownOpened}
          aria-controls={combobox.dropdownOpened ? listId : undefined}
          aria-activedescendant={combobox.dropdownOpened && highlighted ? optionId(highlighted) : undefined}
          autoComplete="off"
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          value={typed ?? current?.label ?? ''}
          onChange={(e) => {
            enterPending.current = false;
            setTyped(e.currentTarget.value);
            setMoved(null);
            setAmbiguous(null);
            combobox.openDropdown();
          }}
          onFocus={(e) => {
            // typing replaces the chosen product's name rather than adding to it
            e.currentTarget.select();
            justFocused.current = true;
          }}
          onMouseUp={(e) => {
            if (justFocused.current) e.preventDefault();
            justFocused.current = false;
          }}
          onClick={() => combobox.openDropdown()}
          onBlur={restore}
          onKeyDown={onKeyDown}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={options.length === 0 && !fresh}>
        {ambiguous !== null && (
          <Combobox.Header>
            <Text size="sm" c="orange.9" role="status" data-testid="picker-pick-one">
              {t('sell.pickOne', { n: ambiguous })}
            </Text>
          </Combobox.Header>
        )}
        <Combobox.Options id={listId} mah={300} style={{ overflowY: 'auto' }}>
          {options.map((o) => (
            <Combobox.Option
              key={o.value}
              id={optionId(o)}
              value={String(o.value)}
              selected={o === highlighted}
              aria-selected={o === highlighted}
              active={o.value === current?.value}
              onMouseEnter={() => setMoved(o.value)}
            >
              <Group gap={6} wrap="nowrap">
                {o.value === current?.value && <CheckIcon size={10} />}
                <span>{o.label}</span>
              </Group>
            </Combobox.Option>
          ))}
          {options.length === 0 && fresh && <Combobox.Empty>{t('common.none')}</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
