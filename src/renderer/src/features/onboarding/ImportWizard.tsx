import { Alert, Badge, Button, Checkbox, FileButton, Group, Modal, NativeSelect, Progress, ScrollArea, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { ImportField, ImportKindName, ImportPreview, ImportResult } from '../../../../shared/api/contract';
import { IMPORT_KINDS, type ImportIssueView } from '../../../../shared/api/contracts/onboarding';
import { api, call } from '../../api/api';
import { errorText } from '../../api/errors';
import { specificIssueText } from '../../api/error-text';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatSize } from '../../i18n/size';
import { uploadFile } from './files';

type Stage = 'pick' | 'uploading' | 'map' | 'running' | 'checked' | 'done';
type Mapping = Partial<Record<ImportField, number | null>>;

export interface ImportWizardProps {
  opened: boolean;
  onClose: () => void;
  /** After a committed import that wrote something. */
  onImported?: (result: ImportResult) => void;
  initialKind?: ImportKindName;
}


/**
 * Import screen: pick what the file holds and the file (sent to main in chunks), check the guessed
 * columns against a preview, a dry run listing every bad row with its line and column, then the import
 * of the valid rows (or nothing, all-or-nothing), with a progress bar and a cancel button.
 */
export function ImportWizard({ opened, onClose, onImported, initialKind = 'products' }: ImportWizardProps) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<ImportKindName>(initialKind);
  const [stage, setStage] = useState<Stage>('pick');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [applyToStock, setApplyToStock] = useState(false);
  const [createProducts, setCreateProducts] = useState(false);
  const [pct, setPct] = useState(0);
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const uploadId = useRef<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // the check's result is below the columns and the preview: bring it into view
  useEffect(() => {
    if (result && (stage === 'checked' || stage === 'done')) resultRef.current?.scrollIntoView({ block: 'start' });
  }, [result, stage]);

  const field = (f: ImportField) => t(`onboarding.field.${f}` as MessageKey);

  // progress of the running check or import
  useEffect(
    () =>
      api.on('onboarding.progress', (p) => {
        if (p.uploadId !== uploadId.current || p.finished) return;
        setPct(p.bytesTotal > 0 ? Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100)) : 0);
      }),
    [],
  );

  // an upload left behind is removed when the screen closes
  useEffect(() => {
    if (opened) return;
    if (uploadId.current) void call('onboarding.discard', { uploadId: uploadId.current }).catch(() => undefined);
    uploadId.current = null;
    setStage('pick');
    setPreview(null);
    setResult(null);
    setError(null);
  }, [opened]);

  const loadPreview = async (id: string, k: ImportKindName) => {
    setError(null);
    setResult(null);
    try {
      const p = await call('onboarding.preview', { uploadId: id, kind: k });
      setPreview(p);
      setMapping(p.mapping);
      setStage('map');
    } catch (e) {
      setPreview(null);
      setStage('pick');
      setError(errorText(e, t, locale));
    }
  };

  const pick = async (file: File | null) => {
    resetRef.current?.();
    if (!file) return;
    if (uploadId.current) void call('onboarding.discard', { uploadId: uploadId.current }).catch(() => undefined);
    uploadId.current = null;
    setPreview(null);
    setResult(null);
    setError(null);
    setStage('uploading');
    setPct(0);
    try {
      const up = await uploadFile(file, (done, total) => setPct(total > 0 ? Math.round((done / total) * 100) : 100));
      uploadId.current = up.uploadId;
      await loadPreview(up.uploadId, kind);
    } catch (e) {
      setStage('pick');
      setError(errorText(e, t, locale));
    }
  };

  const changeKind = (k: ImportKindName) => {
    setKind(k);
    if (uploadId.current && stage !== 'running') void loadPreview(uploadId.current, k);
  };

  const fields: ImportField[] = preview ? [...preview.required, ...preview.optional] : [];
  const missing = preview ? preview.required.filter((f) => mapping[f] === undefined || mapping[f] === null) : [];
  const chosen = Object.values(mapping).filter((v): v is number => typeof v === 'number');
  const twice = chosen.find((v, i) => chosen.indexOf(v) !== i);
  const mappingProblem =
    missing.length > 0
      ? t('onboarding.import.missingRequired', { fields: missing.map(field).join(', ') })
      : twice !== undefined
        ? t('onboarding.import.duplicateColumn', { column: preview?.header[twice] ?? '' })
        : null;

  const run = async (asDryRun: boolean) => {
    if (!uploadId.current || !preview) return;
    setDryRun(asDryRun);
    setStage('running');
    setPct(0);
    setError(null);
    const full: Mapping = {};
    for (const f of fields) full[f] = mapping[f] ?? null;
    try {
      const r = await call('onboarding.import', {
        uploadId: uploadId.current,
        kind,
        mapping: full,
        dryRun: asDryRun,
        allOrNothing,
        applyToStock: kind === 'sales' && applyToStock,
        createProducts: kind === 'sales' && createProducts,
      });
      setResult(r);
      setStage(asDryRun || r.fileError ? 'checked' : 'done');
      if (!asDryRun && r.committed && r.written > 0) onImported?.(r);
    } catch (e) {
      setStage('map');
      setError(errorText(e, t, locale));
    }
  };

  const mappedTo = new Map<number, ImportField>();
  for (const [f, i] of Object.entries(mapping)) if (typeof i === 'number') mappedTo.set(i, f as ImportField);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="80rem"
      title={<Title order={3}>{t('onboarding.import.title')}</Title>}
      closeOnClickOutside={false}
      // a running import is cancelled with its own button, never by closing the screen
      withCloseButton={stage !== 'running' && stage !== 'uploading'}
      closeOnEscape={stage !== 'running' && stage !== 'uploading'}
    >
      <Stack gap="md" data-testid="import-wizard">
        <Group align="flex-end" gap="lg">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="import-kind-label">
              {t('onboarding.import.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="import-kind-label"
              data-testid="import-kind"
              value={kind}
              onChange={(v) => changeKind(v as ImportKindName)}
              disabled={stage === 'running' || stage === 'uploading'}
              data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`onboarding.kind.${k}` as MessageKey) }))}
            />
          </Stack>
          <FileButton resetRef={resetRef} onChange={(f) => void pick(f)} accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button {...props} variant={preview ? 'default' : 'filled'} disabled={stage === 'running' || stage === 'uploading'} data-autofocus>
                {preview ? t('onboarding.import.chooseOther') : t('onboarding.import.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
        {!preview && stage === 'pick' && <Text c="dimmed" size="sm">{t('onboarding.import.hint')}</Text>}
        {stage === 'uploading' && <Progress.Root size="xl"><Progress.Section value={pct} animated striped><Progress.Label>{t('onboarding.import.uploading', { pct })}</Progress.Label></Progress.Section></Progress.Root>}
        {error && (
          <Alert color="red" title={t('onboarding.import.fileError')} data-testid="import-error">
            {error}
          </Alert>
        )}

        {preview && (stage === 'map' || stage === 'running' || stage === 'checked') && (
          <>
            <Text size="sm" c="dimmed" data-testid="import-file">
              {t('onboarding.import.file', { name: preview.name, size: formatSize(preview.size, locale), format: preview.format === 'xlsx' ? 'Excel .xlsx' : `CSV${preview.delimiter ? ` « ${preview.delimiter === '\t' ? 'tab' : preview.delimiter} »` : ''}` })}
            </Text>
            <div>
              <Title order={4}>{t('onboarding.import.mapping')}</Title>
              <Text size="sm" c="dimmed" mb="xs">
                {t('onboarding.import.mappingHint')}
              </Text>
              <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing={6}>
                {fields.map((f) => (
                  <NativeSelect
                    key={f}
                    size="xs"
                    label={`${field(f)}${preview.required.includes(f) ? ' *' : ''}`}
                    data-testid={`map-${f}`}
                    disabled={stage === 'running'}
                    value={mapping[f] === undefined || mapping[f] === null ? '' : String(mapping[f])}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setMapping((m) => ({ ...m, [f]: v === '' ? null : Number(v) }));
                      setResult(null);
                      if (stage === 'checked') setStage('map');
                    }}
                    error={preview.required.includes(f) && (mapping[f] === undefined || mapping[f] === null) ? true : undefined}
                    data={[{ value: '', label: t('onboarding.import.notUsed') }, ...preview.header.map((h, i) => ({ value: String(i), label: h || `#${i + 1}` }))]}
                  />
                ))}
              </SimpleGrid>
            </div>
            <div>
              <Title order={5} mb={4}>
                {t('onboarding.import.preview')}
              </Title>
              <ScrollArea type="auto" offsetScrollbars>
                <Table withTableBorder withColumnBorders fz="xs" data-testid="import-preview" style={{ whiteSpace: 'nowrap' }}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th c="dimmed">{t('onboarding.import.line')}</Table.Th>
                      {preview.header.map((h, i) => (
                        <Table.Th key={i}>
                          <div>{h || `#${i + 1}`}</div>
                          {mappedTo.has(i) ? (
                            <Badge size="xs" variant="light" color="teal">→ {field(mappedTo.get(i)!)}</Badge>
                          ) : (
                            <Badge size="xs" variant="outline" color="gray">{t('onboarding.import.notUsed')}</Badge>
                          )}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.rows.map((r) => (
                      <Table.Tr key={r.line}>
                        <Table.Td c="dimmed">{r.line}</Table.Td>
                        {r.cells.map((c, i) => (
                          <Table.Td key={i} c={mappedTo.has(i) ? undefined : 'dimmed'}>
                            {c}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              {preview.moreRows && <Text size="xs" c="dimmed">{t('onboarding.import.more')}</Text>}
            </div>
            <Stack gap={6}>
              <Checkbox label={t('onboarding.import.allOrNothing')} checked={allOrNothing} onChange={(e) => setAllOrNothing(e.currentTarget.checked)} disabled={stage === 'running'} />
              {kind === 'sales' && (
                <>
                  <Checkbox label={t('onboarding.import.createProducts')} checked={createProducts} onChange={(e) => setCreateProducts(e.currentTarget.checked)} disabled={stage === 'running'} />
                  <Checkbox label={t('onboarding.import.applyToStock')} checked={applyToStock} onChange={(e) => setApplyToStock(e.currentTarget.checked)} disabled={stage === 'running'} />
                </>
              )}
            </Stack>
            {mappingProblem && <Text c="red" size="sm" data-testid="mapping-problem">{mappingProblem}</Text>}
          </>
        )}

        {stage === 'running' && (
          <Group gap="sm" wrap="nowrap" data-testid="import-progress">
            <Progress.Root size="xl" style={{ flex: 1 }}>
              <Progress.Section value={Math.max(pct, 3)} animated striped>
                <Progress.Label>{t(dryRun ? 'onboarding.import.checking' : 'onboarding.import.importing', { pct })}</Progress.Label>
              </Progress.Section>
            </Progress.Root>
            <Button color="red" variant="light" onClick={() => void call('onboarding.cancel', {})}>
              {t('onboarding.import.cancel')}
            </Button>
          </Group>
        )}

        <div ref={resultRef} style={{ scrollMarginTop: 8 }}>
          {result && (stage === 'checked' || stage === 'done') && <ResultView result={result} />}
        </div>

        <Group
          justify="flex-end"
          py="sm"
          style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-gray-3)', zIndex: 2 }}
        >
          {stage === 'done' ? (
            <Button onClick={onClose} data-autofocus>
              {t('onboarding.import.close')}
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose} disabled={stage === 'running'}>
                {t('onboarding.import.close')}
              </Button>
              {preview && (
                <Button variant={stage === 'checked' ? 'default' : 'filled'} disabled={stage === 'running' || mappingProblem !== null} onClick={() => void run(true)} data-testid="import-check">
                  {t('onboarding.import.check')}
                </Button>
              )}
              {stage === 'checked' && result && !result.fileError && (
                <Button
                  color="teal"
                  data-testid="import-run"
                  disabled={result.valid === 0 || (allOrNothing && result.invalid > 0) || mappingProblem !== null}
                  onClick={() => void run(false)}
                >
                  {result.invalid > 0 ? t('onboarding.import.runValid', { n: result.valid }) : t('onboarding.import.run')}
                </Button>
              )}
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function ResultView({ result }: { result: ImportResult }) {
  const { t, locale } = useI18n();
  const issueLabel = (code: string) => t(`onboarding.issue.${code}` as MessageKey);
  if (result.fileError) {
    return (
      <Alert color="red" title={`${t('onboarding.import.fileError')} — ${issueLabel(result.fileError.code)}`} data-testid="import-file-error">
        {specificIssueText(result.fileError.params, t, locale) ?? result.fileError.message}
        <Text size="sm" mt={4}>{t('onboarding.import.nothingWritten')}</Text>
      </Alert>
    );
  }
  const summary = t('onboarding.import.summary', { rows: result.rows, valid: result.valid, invalid: result.invalid });
  // a warning's row is imported (a negative opening stock left unset): not listed among the refused rows
  const errors = result.issues.filter((i) => !i.warning);
  const warnings = result.issues.filter((i) => i.warning);
  return (
    <Stack gap="xs" data-testid="import-result">
      {result.dryRun ? (
        <Alert color={result.invalid > 0 ? 'orange' : 'teal'} title={t('onboarding.import.dryRunTitle')}>
          <Text size="sm" data-testid="import-summary">{summary}</Text>
          {result.invalid === 0 && <Text size="sm">{t('onboarding.import.allGood')}</Text>}
        </Alert>
      ) : (
        <Alert color={result.committed ? 'teal' : 'orange'} title={t('onboarding.import.doneTitle')} data-testid="import-done">
          <Text size="sm" data-testid="import-summary">{summary}</Text>
          {result.committed ? (
            <>
              <Text size="sm" fw={600}>{t('onboarding.import.done', { written: result.written })}</Text>
              {result.createdProducts + result.createdSuppliers > 0 && (
                <Text size="sm">{t('onboarding.import.created', { products: result.createdProducts, suppliers: result.createdSuppliers })}</Text>
              )}
            </>
          ) : (
            <Text size="sm" fw={600}>{result.allOrNothing && result.invalid > 0 ? t('onboarding.import.rolledBack', { invalid: result.invalid }) : t('onboarding.import.nothingWritten')}</Text>
          )}
        </Alert>
      )}
      {errors.length > 0 && (
        <>
          <Title order={5}>{t('onboarding.import.issuesTitle')}</Title>
          {result.issueCount > result.issues.length && <Text size="xs" c="dimmed">{t('onboarding.import.issuesMore', { n: result.issueCount, shown: result.issues.length })}</Text>}
          <IssueTable issues={errors} testId="import-issues" />
        </>
      )}
      {warnings.length > 0 && (
        <>
          <Title order={5}>{t('onboarding.import.warningsTitle')}</Title>
          <IssueTable issues={warnings} testId="import-warnings" />
        </>
      )}
    </Stack>
  );
}

/** Issues of an import, one row each: the line, the column, the problem and its specifics. */
function IssueTable({ issues, testId }: { issues: ImportIssueView[]; testId: string }) {
  const { t, locale } = useI18n();
  return (
    <ScrollArea.Autosize mah={260} type="auto">
      <Table striped fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('onboarding.import.line')}</Table.Th>
            <Table.Th w={150}>{t('onboarding.import.column')}</Table.Th>
            <Table.Th w={200}>{t('onboarding.import.problem')}</Table.Th>
            <Table.Th>{t('onboarding.import.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i, n) => (
            <Table.Tr key={n} data-testid="import-issue">
              <Table.Td>{i.line > 0 ? i.line : '—'}</Table.Td>
              <Table.Td>{i.column ?? '—'}</Table.Td>
              <Table.Td>{t(`onboarding.issue.${i.code}` as MessageKey)}</Table.Td>
              <Table.Td c="dimmed">{specificIssueText(i.params, t, locale) ?? i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
