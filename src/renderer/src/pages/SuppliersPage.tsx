import { Button, Group, Kbd, Modal, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Supplier } from '../../../shared/domain/product';
import { call } from '../api/api';
import { useQuery } from '../api/hooks';
import { handleFailure, type FieldErrors } from '../components/forms';
import { RoleGate, useAllowed } from '../components/RoleGate';
import { useI18n } from '../i18n/i18n';

const FIELDS = ['name', 'contact', 'phone', 'email', 'address', 'leadTimeDays'] as const;

function SupplierForm(props: { supplier: Supplier | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const s = props.supplier;
  const [v, setV] = useState({
    name: s?.name ?? '',
    contact: s?.contact ?? '',
    phone: s?.phone ?? '',
    email: s?.email ?? '',
    address: s?.address ?? '',
    leadTimeDays: String(s?.leadTimeDays ?? 7),
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async () => {
    try {
      await call('suppliers.save', { id: s?.id, ...v, leadTimeDays: Number(v.leadTimeDays), active: s?.active ?? true });
      props.onSaved();
    } catch (error) {
      setErrors(handleFailure(error, t, [...FIELDS]));
    }
  };
  const field = (key: (typeof FIELDS)[number], label: string) => (
    <TextInput label={label} name={key} value={v[key]} error={errors[key]} onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })} data-autofocus={key === 'name' || undefined} />
  );
  return (
    <Modal opened onClose={props.onClose} title={s ? t('suppliers.edit') : t('suppliers.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={2}>
          {field('name', t('suppliers.name'))}
          {field('contact', t('suppliers.contact'))}
          {field('phone', t('suppliers.phone'))}
          {field('email', t('suppliers.email'))}
          {field('address', t('suppliers.address'))}
          {field('leadTimeDays', t('suppliers.leadTime'))}
        </SimpleGrid>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit">{t('common.save')}</Button>
        </Group>
      </form>
    </Modal>
  );
}

export function SuppliersPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const list = useQuery('suppliers.list', { search: debounced });
  // Alt+N works from the search box too (it has the focus when the page opens)
  const allowed = useAllowed();
  useHotkeys([['alt+N', () => allowed('suppliers.save') && setEditing('new')]], []);

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
          <Button onClick={() => setEditing('new')}>
            {t('suppliers.new')} <Kbd ml="xs">Alt+N</Kbd>
          </Button>
        </RoleGate>
      </Group>
      <TextInput mb="sm" w={360} placeholder={t('common.search')} aria-label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} autoFocus />
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
                    <Button size="xs" variant="light" onClick={() => setEditing(s)}>
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
          supplier={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifications.show({ color: 'green', message: t('common.saved') });
            list.reload();
          }}
        />
      )}
    </>
  );
}
