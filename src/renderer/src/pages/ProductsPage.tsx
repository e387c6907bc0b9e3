import { Badge, Button, Checkbox, Group, Kbd, Pagination, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import type { ProductView } from '../../../shared/api/contract';
import { unitLabel } from '../../../shared/domain/replenishment';
import { call } from '../api/api';
import { useQuery } from '../api/hooks';
import { clearTarget, useTarget } from '../app/nav';
import { useShop } from '../app/shop';
import { handleFailure } from '../components/forms';
import { RoleGate, useAllowed } from '../components/RoleGate';
import { useFocusBack } from '../features/products/focusBack';
import { keptDraft } from '../features/products/formDraft';
import { LabelsModal } from '../features/products/LabelsModal';
import { ProductForm, type ProductDraft, type ProductFields } from '../features/products/ProductForm';
import { useScanner } from '../features/sell/useScanner';
import { formatQuantity } from '../features/stock/fields';
import { ExportDialog } from '../features/onboarding/ExportDialog';
import { ImportWizard } from '../features/onboarding/ImportWizard';
import { useI18n } from '../i18n/i18n';

/** The card open: the product edited (null: a new one), and what was typed on it before, if it was left. */
interface Editing {
  product: ProductView | null;
  draft?: ProductDraft | null;
}

/** Rows per page: a long catalogue (the demo has 400) is read a page at a time. */
const PAGE_SIZE = 200;

export function ProductsPage() {
  const { t, locale } = useI18n();
  const { money, settings, user } = useShop();
  const allowed = useAllowed();
  // opened on a product (an alert's « Voir le produit »): searched for by its SKU, its row marked and its button focused
  const target = useTarget('products');
  const [focusId, setFocusId] = useState<number | null>(target.product ?? null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [includeInactive, setIncludeInactive] = useState(false);
  // a card left half typed (a page shortcut, a lock) opens again with what was typed
  const [editing, setEditing] = useState<Editing | null>(() => {
    const draft = keptDraft<ProductView, ProductFields>('product', user?.id);
    return draft && allowed('products.save') ? { product: draft.subject, draft } : null;
  });
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [labelling, setLabelling] = useState(false);
  const labelsButton = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [page, setPage] = useState(1);
  const products = useQuery('products.list', { search: debounced, includeInactive, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const total = products.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const suppliers = useQuery('suppliers.list', { limit: 1000 });

  // « / »: Shift+: on a French keyboard
  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['shift+/', () => searchRef.current?.focus()],
  ]);
  // Alt+N works from the search box too (it has the focus when the page opens)
  useHotkeys([['alt+N', () => allowed('products.save') && setEditing((open) => open ?? { product: null })]], []);
  // Alt+E: the shelf labels (« Étiquettes »), from the search box too
  useHotkeys([['alt+E', () => allowed('labels.pdf') && !editing && !importing && !exporting && setLabelling(true)]], []);
  // a scan on the list searches for its code (the cursor may be on a row's button after a save)
  useScanner(
    (code) => {
      setSearch(code);
      setFocusId(null);
      clearTarget('products');
      searchRef.current?.focus();
    },
    !editing && !importing && !exporting && !labelling,
  );

  // another search starts from its first page; a list that shrank (a product deactivated) keeps a page that exists
  useEffect(() => setPage(1), [debounced, includeInactive]);
  useEffect(() => {
    if (products.data && page > pages) setPage(pages);
  }, [products.data, page, pages]);
  const goTo = (n: number) => {
    setPage(n);
    // back to the top of the list, where the new page starts and the count says which it is
    window.scrollTo({ top: 0 });
  };
  useEffect(() => {
    if (target.product === undefined) return;
    let live = true;
    call('products.get', { id: target.product })
      .then((p) => live && setSearch(p.sku))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [target.product]);
  const focusRow = useRef<HTMLTableRowElement>(null);
  const focusListed = focusId !== null && (products.data?.items.some((p) => p.id === focusId) ?? false);
  useEffect(() => {
    if (!focusListed || !focusRow.current || editing) return;
    focusRow.current.scrollIntoView({ block: 'center' });
    focusRow.current.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus({ preventScroll: true });
    // once, when the product is listed; not again when a card closes
  }, [focusListed]);
  // the card closed: the keyboard to the product's « Modifier », or the search box (saved out of the search, deactivated)
  const focusBack = useFocusBack(editing !== null || importing || exporting, (id) => `button[data-edit-product="${id}"]`, searchRef, products.data);
  const closeForm = () => {
    focusBack(editing?.product?.id);
    setEditing(null);
  };
  const shown = products.data?.items.length ?? 0;
  const from = (page - 1) * PAGE_SIZE + 1;
  const count = products.data && (shown > 0 && total > shown ? t('products.shown', { from, to: from + shown - 1, n: total }) : t('common.total', { n: total }));

  const deactivate = async (p: ProductView) => {
    try {
      await call('products.deactivate', { id: p.id });
      notifications.show({ message: `${t('products.deactivated')} : ${p.name}` });
      products.reload();
    } catch (error) {
      handleFailure(error, t, []);
    }
  };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('products.title')}</Title>
        <Group gap="xs">
          <RoleGate need="onboarding.import">
            <Button variant="default" onClick={() => setImporting(true)} data-testid="products-import">
              {t('onboarding.import')}
            </Button>
          </RoleGate>
          <RoleGate need="onboarding.export">
            <Button variant="default" onClick={() => setExporting(true)} data-testid="products-export">
              {t('onboarding.export')}
            </Button>
          </RoleGate>
          <RoleGate need="labels.pdf">
            <Button ref={labelsButton} variant="default" onClick={() => setLabelling(true)} title="Alt+E" data-testid="products-labels">
              {t('labels.button')} <Kbd ml="xs">Alt+E</Kbd>
            </Button>
          </RoleGate>
          <RoleGate need="products.save">
            <Button onClick={() => setEditing({ product: null })} title="Alt+N">
              {t('products.new')} <Kbd ml="xs">Alt+N</Kbd>
            </Button>
          </RoleGate>
        </Group>
      </Group>
      <Group mb="sm">
        <TextInput
          ref={searchRef}
          placeholder={t('products.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            // another search: the product the page was opened on is no longer the point
            setFocusId(null);
            clearTarget('products');
          }}
          aria-label={t('common.search')}
          w={360}
          autoFocus={target.product === undefined}
        />
        <Checkbox label={t('common.showInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
        {count && (
          <Text c="dimmed" size="sm" data-testid="products-count">
            {count}
          </Text>
        )}
      </Group>
      <Table striped highlightOnHover data-testid="products-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('products.sku')}</Table.Th>
            <Table.Th>{t('products.name')}</Table.Th>
            <Table.Th>{t('products.category')}</Table.Th>
            <Table.Th>{t('products.supplier')}</Table.Th>
            <Table.Th ta="right">{t('products.price')}</Table.Th>
            <Table.Th ta="right">{t('products.onHand')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.data?.items.map((p) => (
            <Table.Tr
              key={p.id}
              ref={p.id === focusId ? focusRow : undefined}
              data-testid={`product-row-${p.sku}`}
              data-focused={p.id === focusId || undefined}
              style={p.id === focusId ? { background: 'var(--mantine-color-yellow-0)', boxShadow: 'inset 4px 0 0 var(--mantine-color-yellow-6)' } : undefined}
            >
              <Table.Td>{p.sku}</Table.Td>
              <Table.Td>
                {p.name} {!p.active && <Badge color="gray" size="sm">{t('common.inactive')}</Badge>}
              </Table.Td>
              <Table.Td>{p.category}</Table.Td>
              <Table.Td>{p.supplierName ?? ''}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(p.priceMinor)}
              </Table.Td>
              <Table.Td ta="right" data-testid="on-hand" c={p.onHand < 0 ? 'red' : undefined}>
                {formatQuantity(p.onHand, settings.locale)} {unitLabel(p.unit, p.onHand, locale)}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <RoleGate need="products.save">
                    <Button size="xs" variant="light" onClick={() => setEditing({ product: p })} data-edit-product={p.id}>
                      {t('common.edit')}
                    </Button>
                  </RoleGate>
                  {p.active && (
                    <RoleGate need="products.deactivate">
                      <Button size="xs" variant="subtle" color="gray" onClick={() => void deactivate(p)}>
                        {t('common.deactivate')}
                      </Button>
                    </RoleGate>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {products.data?.items.length === 0 && <Text c="dimmed" mt="md">{t('common.none')}</Text>}
      {pages > 1 && (
        <Group justify="space-between" mt="md">
          <Text c="dimmed" size="sm">
            {count}
          </Text>
          <Pagination
            total={pages}
            value={page}
            onChange={goTo}
            role="navigation"
            aria-label={t('products.pages')}
            getItemProps={(n) => ({ 'aria-label': t('products.page', { n }) })}
            getControlProps={(control) => (control === 'previous' || control === 'next' ? { 'aria-label': t(`products.page.${control}`) } : {})}
            data-testid="products-pages"
          />
        </Group>
      )}
      <ImportWizard opened={importing} onClose={() => setImporting(false)} onImported={() => products.reload()} />
      <ExportDialog opened={exporting} onClose={() => setExporting(false)} />
      {labelling && (
        <LabelsModal
          onClose={() => {
            setLabelling(false);
            // back on the button that opened it, even when Alt+E did
            requestAnimationFrame(() => labelsButton.current?.focus());
          }}
        />
      )}
      {editing && (
        <ProductForm
          key={editing.product?.id ?? 'new'}
          product={editing.product}
          draft={editing.draft}
          suppliers={suppliers.data?.items ?? []}
          onClose={closeForm}
          onSaved={() => {
            closeForm();
            notifications.show({ color: 'green', message: t('common.saved') });
            products.reload();
          }}
        />
      )}
    </>
  );
}
