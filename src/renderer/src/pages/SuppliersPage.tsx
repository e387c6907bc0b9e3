import { Button, Group, Kbd, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import type { Supplier } from '../../../shared/domain/product';
import { call } from '../api/api';
import { useQuery } from '../api/hooks';
import { useShop } from '../app/shop';
import { handleFailure, type FieldErrors } from '../components/forms';
import { RoleGate, useAllowed } from '../components/RoleGate';
import { GuardedFormModal, useDiscardGuard } from '../features/products/DiscardGuard';
import { useFocusBack } from '../features/products/focusBack';
import { useFocusFirstError } from '../features/products/focusFirstError';
import { useScanner } from '../features/sell/useScanner';
import { keptDraft, useDraftValues, type FormDraft } from '../features/products/formDraft';
import { useI18n } from '../i18n/i18n';

const FIELDS = ['name', 'contact', 'phone', 'email', 'address', 'leadTimeDays'] as const;

type SupplierFields = Record<(typeof FIELDS)[number], string>;
type SupplierDraft = FormDraft<Supplier, SupplierFields>;

/** A supplier's card: closed with something changed, it asks first; its page left under it, what was typed is kept. */
function SupplierForm(props: { supplier: Supplier | null; draft?: SupplierDraft | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const s = props.supplier;
  const fresh = (): SupplierFields => ({
    name: s?.name ?? '',
    contact: s?.contact ?? '',
    phone: s?.phone ?? '',
    email: s?.email ?? '',
    address: s?.address ?? '',
    leadTimeDays: String(s?.leadTimeDays ?? 7),
  });
  const { values: v, setValues: setV, dirty, end, restored } = useDraftValues('supplier', s, fresh, props.draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { formRef, failed } = useFocusFirstError();
  const close = () => {
    end();
    props.onClose();
  };
  const guard = useDiscardGuard(dirty, close, () => formRef.current?.querySelector<HTMLElement>('[data-autofocus]') ?? null);
  // a scan on the card (the scanner picked up for the next product) types nothing and its Enter saves nothing
  const [scanned, setScanned] = useState<string | null>(null);
  useScanner(setScanned, !guard.asking);
  const submit = async () => {
    try {
      await call('suppliers.save', { id: s?.id, ...v, leadTimeDays: Number(v.leadTimeDays), active: s?.active ?? true });
      end();
      props.onSaved();
    } catch (error) {
      setErrors(handleFailure(error, t, [...FIELDS]));
      failed();
    }
  };
  const field = (key: (typeof FIELDS)[number], label: string) => (
    <TextInput
      label={label}
      name={key}
      value={v[key]}
      error={errors[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((old) => ({ ...old, [key]: value }));
      }}
      data-autofocus={key === 'name' || undefined}
    />
  );
  return (
    <GuardedFormModal title={s ? t('suppliers.edit') : t('suppliers.new')} guard={guard} restored={restored} formRef={formRef} onSubmit={() => void submit()}>
          <SimpleGrid cols={2}>
            {field('name', t('suppliers.name'))}
            {field('contact', t('suppliers.contact'))}
            {field('phone', t('suppliers.phone'))}
            {field('email', t('suppliers.email'))}
            {field('address', t('suppliers.address'))}
            {field('leadTimeDays', t('suppliers.leadTime'))}
          </SimpleGrid>
          {scanned !== null && (
            <Text size="sm" c="orange" mt="sm" data-testid="supplier-scan-ignored">
              {t('suppliers.scanIgnored', { code: scanned })}
            </Text>
          )}
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={guard.request}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('common.save')}</Button>
          </Group>
    </GuardedFormModal>
  );
}

export function SuppliersPage() {
  const { t } = useI18n();
  const { user } = useShop();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const allowed = useAllowed();
  // a card left half typed (a page shortcut, a lock) opens again with what was typed
  const [editing, setEditing] = useState<{ supplier: Supplier | null; draft?: SupplierDraft | null } | null>(() => {
    const draft = keptDraft<Supplier, SupplierFields>('supplier', user?.id);
    return draft && allowed('suppliers.save') ? { supplier: draft.subject, draft } : null;
  });
  const list = useQuery('suppliers.list', { search: debounced });
  const searchRef = useRef<HTMLInputElement>(null);
  // Alt+N works from the search box too (it has the focus when the page opens)
  useHotkeys([['alt+N', () => allowed('suppliers.save') && setEditing((open) => open ?? { supplier: null })]], []);
  // where the keyboard goes when the card closes: the supplier's « Modifier », or the search box
  // the card closed: the keyboard to the supplier's « Modifier », or the search box (deactivated)
  const focusBack = useFocusBack(editing !== null, (id) => `button[data-edit-supplier="${id}"]`, searchRef, list.data);
  const closeForm = () => {
    focusBack(editing?.supplier?.id);
    setEditing(null);
  };

  const deactivate = async (s: Supplier) => {
    try {
      await call('suppliers.deactivate', { id: s.id });
      list.reload();
    } catch (error) {
      handleFailure(error, t, []);
    }
  };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('suppliers.title')}</Title>
        <RoleGate need="suppliers.save">
          <Button onClick={() => setEditing({ supplier: null })}>
            {t('suppliers.new')} <Kbd ml="xs">Alt+N</Kbd>
          </Button>
        </RoleGate>
      </Group>
      <TextInput ref={searchRef} mb="sm" w={360} placeholder={t('common.search')} aria-label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} autoFocus />
      <Table striped highlightOnHover data-testid="suppliers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('suppliers.name')}</Table.Th>
            <Table.Th>{t('suppliers.contact')}</Table.Th>
            <Table.Th>{t('suppliers.phone')}</Table.Th>
            <Table.Th>{t('suppliers.leadTime')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td>{s.contact}</Table.Td>
              <Table.Td>{s.phone}</Table.Td>
              <Table.Td>{s.leadTimeDays}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end">
                  <RoleGate need="suppliers.save">
                    <Button size="xs" variant="light" onClick={() => setEditing({ supplier: s })} data-edit-supplier={s.id}>
                      {t('common.edit')}
                    </Button>
                  </RoleGate>
                  <RoleGate need="suppliers.deactivate">
                    <Button size="xs" variant="subtle" color="gray" onClick={() => void deactivate(s)}>
                      {t('common.deactivate')}
                    </Button>
                  </RoleGate>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 && <Text c="dimmed" mt="md">{t('common.none')}</Text>}
      {editing && (
        <SupplierForm
          key={editing.supplier?.id ?? 'new'}
          supplier={editing.supplier}
          draft={editing.draft}
          onClose={closeForm}
          onSaved={() => {
            closeForm();
            notifications.show({ color: 'green', message: t('common.saved') });
            list.reload();
          }}
        />
      )}
    </>
  );
}
