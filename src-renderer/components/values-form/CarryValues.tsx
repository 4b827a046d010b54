import { Alert, Button, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import type { ChartSource } from '../../../shared/types/review-tools';
import type { JsonObject, Resolution, ValuesValidation } from '../../../shared/types/values';
import { QueryError } from '../QueryError';
import { useAction } from '../useAction';
import { useCatalogQuery } from '../useCatalogQuery';
import { ConflictCard } from './ConflictCard';
import { usageByField, usageNoteFor, ValueUsageList } from './ValueUsage';

export interface CarryValuesProps {
  from: ChartSource;
  to: ChartSource;
  /** The person's values (overrides) for `from`. */
  values: JsonObject;
  /** The overrides for `to` once every conflict is settled, as YAML, and how they validate. */
  onSettled(yaml: string, validation: ValuesValidation): void;
  settleLabel?: string;
}

/** Carries overrides across versions by a 3-way merge; what cannot be carried is settled field by field. */
export function CarryValues({ from, to, values, onSettled, settleLabel }: CarryValuesProps) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const merge = useCatalogQuery('values.merge3', { from, to, values });
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});

  // Every conflict starts at Berth's proposal; the person changes what they disagree with.
  useEffect(() => {
    if (merge.data) setResolutions(Object.fromEntries(merge.data.conflicts.map((c) => [c.id, c.proposed])));
  }, [merge.data]);

  if (merge.error) return <QueryError error={merge.error} />;
  if (!merge.data) return <Loader size="sm" />;
  const m = merge.data;
  // keys with a conflict get their note on the conflict's card; the box keeps the rest
  const conflictPaths = m.conflicts.map((c) => c.path.join('.'));
  const underConflict = (path: string[]) => conflictPaths.some((c) => path.join('.') === c || path.join('.').startsWith(`${c}.`));
  const usageNotes = usageByField(m.usage);
  const boxUsage = m.usage && { ...m.usage, findings: m.usage.findings.filter((f) => !underConflict(f.path)) };

  const settle = async () => {
    const r = await run('values.settle', { from, to, values, resolutions });
    if (r) onSettled(Object.keys(r.values).length > 0 ? stringify(r.values) : '', r.validation);
  };

  return (
    <Stack gap="sm" data-testid="carry-values">
      {m.carried.length > 0 && <Text fz="sm">{t('valuesUpgrade.carried', { count: m.carried.length })}</Text>}
      {m.carried.length > 0 && (
        <Group gap={6}>
          {m.carried.map((c) => (
            <Code key={c.pathText}>{c.pathText}</Code>
          ))}
        </Group>
      )}
      {m.converged.length > 0 && (
        <Text fz="sm" c="dimmed">
          {t('valuesUpgrade.converged', { paths: m.converged.map((c) => c.pathText).join(', ') })}
        </Text>
      )}
      {/* carried overrides the new version's templates do not read, or its schema deprecates */}
      <ValueUsageList usage={boxUsage} title={t('valuesUpgrade.usageTitle')} help={t('valuesUpgrade.usageHelp')} testId="carry-usage" />
      {m.conflicts.length === 0 ? (
        <Alert color="teal" variant="light">
          {t('valuesUpgrade.noConflicts')}
        </Alert>
      ) : (
        <>
          <Text fw={600} fz="sm">
            {t('valuesUpgrade.conflicts', { count: m.conflicts.length })}
          </Text>
          {m.conflicts.map((c) => (
            <ConflictCard
              key={c.id}
              conflict={c}
              resolution={resolutions[c.id]}
              onResolve={(r) => setResolutions((s) => ({ ...s, [c.id]: r }))}
              note={usageNoteFor(t, usageNotes, c.path)}
            />
          ))}
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void settle()} loading={busy} data-testid="settle">
          {settleLabel ?? t('valuesUpgrade.settleAll')}
        </Button>
      </Group>
    </Stack>
  );
}
