import { Alert, Badge, Grid, Group, Loader, ScrollArea, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartSource } from '../../../shared/types/review-tools';
import type { FormField, FormModel, JsonObject, JsonValue, ValuesDiff, ValuesUsage, ValuesValidation } from '../../../shared/types/values';
import { call } from '../../api';
import { QueryError } from '../QueryError';
import { useSayText } from '../sentence';
import { useCatalogQuery } from '../useCatalogQuery';
import { ChangedFromDefaults } from './ChangedFromDefaults';
import { FieldTree } from './FieldTree';
import { usageByField, ValueUsageList } from './ValueUsage';
import { parseOverrides, setOverride } from './yaml-sync';

export interface ValuesEditorProps {
  /** The chart whose values are edited: a catalog version or package bytes. */
  chart: ChartSource;
  /** The person's values (overrides only) as YAML text. */
  value: string;
  onChange(yaml: string): void;
  /** Told after every validation, e.g. to disable a Deploy button while the values are invalid. */
  onValidation?(validation: ValuesValidation): void;
  height?: number;
}

/** Where a problem shows in the form: the field that holds it (list positions go to the list). */
function fieldKey(path: (string | number)[]): string {
  const keys: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') break;
    keys.push(p);
  }
  return keys.join('.');
}

function bySection(model: FormModel, fields: FormField[]): { title?: string; fields: FormField[] }[] {
  if (model.sections.length === 0) return [{ fields }];
  const groups = new Map<string | undefined, FormField[]>();
  for (const s of model.sections) groups.set(s, []);
  for (const f of fields) {
    const key = f.section && groups.has(f.section) ? f.section : undefined;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()].filter(([, fs]) => fs.length > 0).map(([title, fs]) => ({ title, fields: fs }));
}

/**
 * A chart's values as a form (from values.schema.json, or inferred from values.yaml and its
 * comments) beside the YAML, both editing the same text: the person's overrides. Values are
 * checked against the chart's schemas as they are typed.
 */
export function ValuesEditor({ chart, value, onChange, onValidation, height = 600 }: ValuesEditorProps) {
  const { t } = useTranslation();
  const sayText = useSayText();
  const model = useCatalogQuery('values.formModel', { chart });
  const [filter, setFilter] = useState('');
  const [view, setView] = useState<'form' | 'changed'>('form');
  const [validation, setValidation] = useState<ValuesValidation>();
  const [diff, setDiff] = useState<ValuesDiff>();
  const [usage, setUsage] = useState<ValuesUsage>();
  const parsed = useMemo(() => parseOverrides(value), [value]);
  const overrides: JsonObject = parsed.ok ? parsed.values : {};

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      void call('values.validate', { chart, yaml: value }).then((r) => {
        if (stale || !r.ok) return;
        setValidation(r.value);
        onValidation?.(r.value);
      });
      if (parsed.ok) {
        void call('values.diff', { a: chart, b: { chart, values: parsed.values } }).then((r) => {
          if (!stale && r.ok) setDiff(r.value);
        });
        // keys no template reads, or reads only dynamically; a failed analysis says nothing rather than guess
        void call('values.usage', { chart, values: parsed.values }).then((r) => {
          if (!stale) setUsage(r.ok ? r.value : undefined);
        });
      }
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // the chart and the text decide; callbacks may change identity on every render
  }, [JSON.stringify(chart), value]);

  const problems = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of validation?.problems ?? []) if (p.keyword !== 'yaml' && !map.has(fieldKey(p.path))) map.set(fieldKey(p.path), sayText(p.say, p.message));
    return map;
  }, [validation, sayText]);
  const usageNotes = useMemo(() => usageByField(usage), [usage]);

  if (model.error) return <QueryError error={model.error} />;
  if (!model.data) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text fz="sm">{t('valuesForm.loading')}</Text>
      </Group>
    );
  }
  const m = model.data;
  const edit = (field: FormField, v: JsonValue | undefined) => onChange(setOverride(value, field.path, v, field.default));
  const problemCount = validation?.problems.length ?? 0;
  const effective = withOverrides(m.defaults, overrides);

  return (
    <Stack gap="sm" data-testid="values-editor">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Badge variant="light" radius="sm" tt="none">
            {m.questions ? t('valuesForm.fromQuestions') : m.source === 'schema' ? t('valuesForm.fromSchema') : t('valuesForm.inferred')}
          </Badge>
          {validation &&
            (problemCount === 0 ? (
              <Badge color="teal" variant="light" radius="sm" tt="none" leftSection={<IconCircleCheck size={12} />} data-testid="values-valid">
                {t('valuesForm.valid')}
              </Badge>
            ) : (
              <Badge color="red" variant="light" radius="sm" tt="none" leftSection={<IconAlertTriangle size={12} />} data-testid="values-invalid">
                {t('valuesForm.problemCount', { count: problemCount })}
              </Badge>
            ))}
        </Group>
        <Group gap="xs">
          <TextInput
            size="xs"
            placeholder={t('valuesForm.search')}
            leftSection={<IconSearch size={14} />}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            aria-label={t('valuesForm.search')}
          />
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'form' | 'changed')}
            data={[
              { value: 'form', label: t('valuesForm.viewForm') },
              { value: 'changed', label: t('valuesForm.viewChanged', { count: diff?.changes.length ?? 0 }) },
            ]}
          />
        </Group>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ScrollArea h={height} type="auto" offsetScrollbars>
            {view === 'changed' ? (
              diff ? (
                <ChangedFromDefaults diff={diff} root={m.root} />
              ) : (
                <Loader size="sm" />
              )
            ) : (
              <Stack gap="lg" pr="xs">
                {bySection(m, m.root.children ?? []).map((s, i) => (
                  <Stack key={s.title ?? `rest-${i}`} gap="sm">
                    {s.title && (
                      <Title order={3} fz="md">
                        {s.title}
                      </Title>
                    )}
                    <FieldTree
                      fields={s.fields}
                      overrides={overrides}
                      values={effective}
                      problems={problems}
                      usage={usageNotes}
                      filter={filter}
                      onChange={edit}
                    />
                  </Stack>
                ))}
              </Stack>
            )}
          </ScrollArea>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap={6}>
            <Textarea
              label={t('valuesForm.yamlLabel')}
              description={t('valuesForm.yamlHelp')}
              value={value}
              onChange={(e) => onChange(e.currentTarget.value)}
              autosize
              minRows={12}
              maxRows={Math.max(12, Math.floor(height / 20))}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5 } }}
              error={parsed.ok ? undefined : t('valuesForm.yamlError', { line: parsed.line ?? '?', message: parsed.message })}
              data-testid="values-yaml"
            />
            {problemCount > 0 && (
              <Alert color="red" variant="light" p="xs" data-testid="values-problems">
                <Stack gap={2}>
                  {validation!.problems.slice(0, 12).map((p, i) => (
                    <Text key={i} fz="xs">
                      {sayText(p.say, p.message)}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <ValueUsageList usage={usage} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The chart's defaults with the person's overrides laid over them, key by key (what show_if conditions read). */
function withOverrides(defaults: JsonObject, overrides: JsonObject): JsonObject {
  const out: JsonObject = { ...defaults };
  for (const [k, v] of Object.entries(overrides)) {
    const d = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && d && typeof d === 'object' && !Array.isArray(d) ? withOverrides(d, v) : v;
  }
  return out;
}
