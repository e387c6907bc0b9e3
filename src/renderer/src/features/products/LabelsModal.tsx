import { Alert, Button, CloseButton, Group, Kbd, Modal, NumberInput, Radio, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LABEL_FORMATS, MAX_LABEL_COPIES, MAX_LABEL_PRODUCTS, MAX_LABELS, type LabelFormat, type LabelIssue } from '../../../../shared/api/contract';
import { plural } from '../../../../shared/domain/plural';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { keyboardSearch } from '../../components/listEnter';
import { downloadPdf } from '../../components/pdf';
import { ProductPicker } from '../../components/ProductPicker';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useScanner } from '../sell/useScanner';

type Mode = 'stale' | 'category' | 'chosen';
interface Chosen {
  id: number;
  name: string;
  sku: string;
  priceMinor: number;
}

const NO_CATEGORY = '\u0000none';
/** The sheet format used last on this PC: a shop buys one kind of label stock. */
const FORMAT_KEY = 'shelfcast.labels.format';
const STALE_SHOWN = 6;

const savedFormat = (): LabelFormat => {
  try {
    const f = localStorage.getItem(FORMAT_KEY);
    return f === '24' ? '24' : '21';
  } catch {
    return '21';
  }
};

/**
 * Products › Étiquettes: which labels (the prices changed since the last printing, a category, or
 * products chosen one by one or scanned), the sheet, where to start on it and how many copies; Enter
 * makes the PDF and downloads it.
 */
export function LabelsModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  // « 3 étiquettes », « 1 feuille »: each number with its own plural
  const amounts = (labels: number, sheets: number) => ({
    labels: t(plural(labels, locale, 'labels.count.one', 'labels.count.other') as MessageKey, { n: labels }),
    sheets: t(plural(sheets, locale, 'labels.sheets.one', 'labels.sheets.other') as MessageKey, { n: sheets }),
  });
  const stale = useQuery('labels.stale', {});
  const categories = useQuery('products.categories', {});
  const [mode, setMode] = useState<Mode | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [categoryIds, setCategoryIds] = useState<number[] | null>(null);
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [format, setFormat] = useState<LabelFormat>(savedFormat);
  const [startAt, setStartAt] = useState<number | string>(1);
  const [copies, setCopies] = useState<number | string>(1);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const first = useRef<HTMLInputElement>(null);

  const staleCount = stale.data?.length ?? 0;
  // the prices changed first when there are any, else products chosen one by one
  const shownMode: Mode = mode ?? (staleCount > 0 ? 'stale' : 'chosen');
  const perSheet = LABEL_FORMATS[format].perSheet;

  useEffect(() => {
    if (!stale.data) return;
    first.current?.focus();
  }, [stale.data === null]);

  useEffect(() => {
    setCategoryIds(null);
    if (category === null) return;
    let live = true;
    call('labels.ofCategory', { category: category === NO_CATEGORY ? '' : category })
      .then((ids) => live && setCategoryIds(ids))
      .catch((error: unknown) => {
        if (!live) return;
        setCategoryIds([]);
        handleFailure(error, t, [], locale);
      });
    return () => {
      live = false;
    };
  }, [category, t, locale]);

  const asked = useMemo(() => {
    if (shownMode === 'stale') return (stale.data ?? []).map((s) => s.productId);
    if (shownMode === 'category') return categoryIds ?? [];
    return chosen.map((c) => c.id);
  }, [shownMode, stale.data, categoryIds, chosen]);
  const copiesN = typeof copies === 'number' ? copies : 1;
  // one PDF holds so many labels; a first printing of the whole shop (every label « never printed »)
  // goes in turns, the next turn's list being what is left to print
  const batch = Math.min(MAX_LABEL_PRODUCTS, Math.floor(MAX_LABELS / copiesN));
  const ids = shownMode === 'stale' ? asked.slice(0, batch) : asked;
  const tooMany = ids.length > batch;
  const start = typeof startAt === 'number' ? startAt : 1;
  const count = ids.length * copiesN;
  const sheets = Math.ceil((start - 1 + count) / perSheet);

  const add = async (id: number, scanned: boolean) => {
    if (chosen.some((c) => c.id === id)) {
      const name = chosen.find((c) => c.id === id)?.name ?? '';
      notifications.show({ message: t('labels.already', { name }) });
      return;
    }
    try {
      const p = await call('products.get', { id });
      setChosen((list) => (list.some((c) => c.id === p.id) ? list : [...list, { id: p.id, name: p.name, sku: p.sku, priceMinor: p.priceMinor }]));
      if (scanned) notifications.show({ color: 'green', message: t('labels.scanned', { name: p.name }) });
    } catch (error) {
      handleFailure(error, t, [], locale);
    }
  };

  // a scan adds its product to the products chosen, whatever was being chosen
  useScanner((code) => {
    setMode('chosen');
    call('pos.scan', { code })
      .then((match) => add(match.product.id, true))
      .catch((error: unknown) => handleFailure(error, t, [], locale));
  });

  const create = async () => {
    if (busy || tooMany) return;
    if (ids.length === 0) {
      setErrors({ productIds: t('labels.summaryNone') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const doc = await call('labels.pdf', { productIds: ids, format, startAt: start, copies: copiesN });
      downloadPdf(doc.pdfBase64, doc.fileName);
      try {
        localStorage.setItem(FORMAT_KEY, format);
      } catch {
        // a PC that keeps nothing: the format is asked again next time
      }
      notifications.show({ color: 'green', message: t('labels.done', { name: doc.fileName, ...amounts(doc.labels, doc.pages) }) });
      if (doc.issues.length > 0) {
        notifications.show({
          color: 'orange',
          autoClose: false,
          title: t('labels.issues'),
          message: doc.issues.map((i: LabelIssue) => t(`labels.issue.${i.issue}`, { name: i.name, sku: i.sku })).join('\n'),
        });
      }
      onClose();
    } catch (error) {
      setErrors(handleFailure(error, t, ['startAt', 'copies', 'format', 'productIds'], locale));
    } finally {
      setBusy(false);
    }
  };

  // Enter makes the PDF from any field, unless the field used it (a list being chosen from)
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (target.tagName === 'BUTTON' || target.getAttribute('aria-expanded') === 'true') return;
    e.preventDefault();
    void create();
  };

  const categoryData = [
    ...(categories.data ?? []).filter(Boolean).map((c) => ({ value: c, label: c })),
    ...((categories.data ?? []).includes('') ? [{ value: NO_CATEGORY, label: t('labels.noCategory') }] : []),
  ];

  return (
    <Modal opened onClose={onClose} returnFocus={false} title={<Title order={3}>{t('labels.title')}</Title>} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
        onKeyDown={onKeyDown}
        data-testid="labels-modal"
      >
        <Stack>
          <Radio.Group label={t('labels.what')} value={shownMode} onChange={(v) => setMode(v as Mode)} error={errors.productIds}>
            <Stack gap={6} mt={4}>
              <Radio value="stale" label={t('labels.mode.stale', { n: staleCount })} ref={shownMode === 'stale' ? first : undefined} data-testid="labels-mode-stale" />
              <Radio value="category" label={t('labels.mode.category')} ref={shownMode === 'category' ? first : undefined} data-testid="labels-mode-category" />
              <Radio value="chosen" label={t('labels.mode.chosen')} ref={shownMode === 'chosen' ? first : undefined} data-testid="labels-mode-chosen" />
            </Stack>
          </Radio.Group>

          {shownMode === 'stale' &&
            (staleCount === 0 ? (
              <Text size="sm" c="dimmed">{t('labels.staleNone')}</Text>
            ) : (
              <Stack gap={4}>
                <Text size="sm" c="dimmed">{t('labels.staleHelp')}</Text>
                <Table withRowBorders={false} verticalSpacing={2} fz="sm" data-testid="labels-stale">
                  <Table.Tbody>
                    {stale.data?.slice(0, STALE_SHOWN).map((s) => (
                      <Table.Tr key={s.productId}>
                        <Table.Td>{s.name}</Table.Td>
                        <Table.Td ta="right" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {s.printedPriceMinor === null ? t('labels.neverPrinted') : <s>{money(s.printedPriceMinor)}</s>}
                        </Table.Td>
                        <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                          {money(s.priceMinor)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {staleCount > STALE_SHOWN && (
                  <Text size="sm" c="dimmed">
                    {t('labels.staleMore', { n: staleCount - STALE_SHOWN })}
                  </Text>
                )}
              </Stack>
            ))}

          {shownMode === 'category' && (
            <Select
              label={t('labels.category')}
              data={categoryData}
              value={category}
              onChange={setCategory}
              {...keyboardSearch}
              allowDeselect={false}
              data-testid="labels-category"
              description={categoryIds !== null ? t(plural(categoryIds.length, locale, 'labels.inCategory.one', 'labels.inCategory.other') as MessageKey, { n: categoryIds.length }) : undefined}
            />
          )}

          {shownMode === 'chosen' && (
            <Stack gap={6}>
              <ProductPicker label={t('labels.add')} value={null} onChange={(id) => id !== null && void add(id, false)} />
              {chosen.length === 0 ? (
                <Text size="sm" c="dimmed">{t('labels.chosenNone')}</Text>
              ) : (
                <Table withRowBorders={false} verticalSpacing={2} fz="sm" data-testid="labels-chosen">
                  <Table.Tbody>
                    {chosen.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          {c.name} <Text span c="dimmed" size="xs">{c.sku}</Text>
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(c.priceMinor)}</Table.Td>
                        <Table.Td w={28}>
                          <CloseButton size="sm" aria-label={t('labels.remove', { name: c.name })} onClick={() => setChosen((list) => list.filter((x) => x.id !== c.id))} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}

          <Stack gap={4}>
            <Text size="sm" fw={500} id="labels-format">{t('labels.format')}</Text>
            <SegmentedControl
              aria-labelledby="labels-format"
              value={format}
              onChange={(v) => {
                const f = v as LabelFormat;
                setFormat(f);
                if (typeof startAt === 'number' && startAt > LABEL_FORMATS[f].perSheet) setStartAt(LABEL_FORMATS[f].perSheet);
              }}
              data={(['21', '24'] as const).map((f) => ({ value: f, label: t(`labels.format.${f}`) }))}
            />
          </Stack>
          <Group grow align="flex-start">
            <NumberInput
              label={t('labels.startAt')}
              description={t('labels.startAtHint', { max: perSheet })}
              value={startAt}
              onChange={setStartAt}
              min={1}
              max={perSheet}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              error={errors.startAt}
              data-testid="labels-start"
            />
            <NumberInput
              label={t('labels.copies')}
              value={copies}
              onChange={setCopies}
              min={1}
              max={MAX_LABEL_COPIES}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              error={errors.copies}
              data-testid="labels-copies"
            />
          </Group>

          {errors.format && <Alert color="red">{errors.format}</Alert>}
          <Group justify="space-between">
            <Stack gap={2}>
              <Text size="sm" fw={500} data-testid="labels-summary">
                {count === 0 ? t('labels.summaryNone') : t('labels.summary', amounts(count, sheets))}
              </Text>
              {asked.length > ids.length && (
                <Text size="sm" c="dimmed" data-testid="labels-batch">
                  {t('labels.batch', { n: ids.length, total: asked.length })}
                </Text>
              )}
              {tooMany && (
                <Text size="sm" c="red" data-testid="labels-too-many">
                  {t('labels.tooMany', { max: batch })}
                </Text>
              )}
            </Stack>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={count === 0 || tooMany} data-testid="labels-create">
                {t('labels.create')} <Kbd ml="xs">{t('key.enter')}</Kbd>
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
