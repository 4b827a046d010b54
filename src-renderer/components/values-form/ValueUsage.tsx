import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeprecatedValue, ValueUsageFinding, ValuesUsage } from '../../../shared/types/values';

/** The schema's description without its leading "Deprecated:" (the badge already says so). */
export function deprecatedReason(d: DeprecatedValue): string {
  return (d.reason ?? '').replace(/^deprecated\b[:.,;\s-]*/i, '').trim();
}

/** One sentence for a key someone set: read by no template (with the near miss), or not judgeable. */
export function usageSentence(t: TFunction, f: ValueUsageFinding): string {
  if (f.status === 'unused') {
    return f.suggestion
      ? t('valuesForm.usage.unusedDidYouMean', { path: f.pathText, suggestion: f.suggestion })
      : t('valuesForm.usage.unused', { path: f.pathText });
  }
  if (!f.file || !f.via) return t('valuesForm.usage.notJudgedPlain', { path: f.pathText });
  return f.reach
    ? t('valuesForm.usage.notJudged', { path: f.pathText, file: f.file, reach: f.reach, via: f.via })
    : t('valuesForm.usage.notJudgedAll', { path: f.pathText, file: f.file, via: f.via });
}

/** The same, said next to the field itself (the key is its label). */
export function usageFieldNote(t: TFunction, f: ValueUsageFinding): string {
  if (f.status === 'unused') {
    return f.suggestion ? t('valuesForm.usage.fieldUnusedDidYouMean', { suggestion: f.suggestion }) : t('valuesForm.usage.fieldUnused');
  }
  return f.file && f.via ? t('valuesForm.usage.fieldNotJudged', { file: f.file, via: f.via }) : t('valuesForm.usage.fieldNotJudgedPlain');
}

export function deprecatedSentence(t: TFunction, d: DeprecatedValue): string {
  const reason = deprecatedReason(d);
  return reason ? t('valuesForm.usage.deprecated', { path: d.pathText, reason }) : t('valuesForm.usage.deprecatedPlain', { path: d.pathText });
}

/**
 * The note for one form field: a finding on the field itself, said without its key, or (for a
 * map or list edited as a whole) the first finding on a key below it, said with that key.
 */
export function usageNoteFor(t: TFunction, usage: Map<string, ValueUsageFinding> | undefined, path: string[]): { text: string; status: string } | undefined {
  if (!usage || usage.size === 0) return undefined;
  const key = path.join('.');
  const own = usage.get(key);
  if (own) return { text: usageFieldNote(t, own), status: own.status };
  for (const [k, f] of usage) if (k.startsWith(`${key}.`)) return { text: usageSentence(t, f), status: f.status };
  return undefined;
}

/** Findings by the form field they belong to (`image.tag`); a value inside a list or map goes to its nearest field. */
export function usageByField(usage: ValuesUsage | undefined): Map<string, ValueUsageFinding> {
  const out = new Map<string, ValueUsageFinding>();
  for (const f of usage?.findings ?? []) if (!out.has(f.path.join('.'))) out.set(f.path.join('.'), f);
  return out;
}

/**
 * What the chart's templates make of the values set: keys read by no template ("did you mean"),
 * keys reached only dynamically (said to be not judgeable, never called unused), and keys the
 * schema marks deprecated. Nothing at all when every key set is read.
 */
export function ValueUsageList({ usage, title, help, testId = 'values-usage' }: { usage?: ValuesUsage; title?: string; help?: string; testId?: string }) {
  const { t } = useTranslation();
  const findings = usage?.findings ?? [];
  const deprecated = usage?.deprecated ?? [];
  if (findings.length + deprecated.length === 0) return null;
  const unused = findings.some((f) => f.status === 'unused') || deprecated.length > 0;
  return (
    <Alert
      color={unused ? 'yellow' : 'gray'}
      variant="light"
      p="xs"
      icon={<IconAlertTriangle size={16} />}
      title={title ?? t('valuesForm.usage.title')}
      data-testid={testId}
    >
      {help && (
        <Text fz="xs" c="dimmed" mb={4}>
          {help}
        </Text>
      )}
      <List size="xs" spacing={2}>
        {findings.map((f) => (
          <List.Item key={`${f.status}:${f.pathText}`} data-status={f.status} data-path={f.pathText}>
            {usageSentence(t, f)}
          </List.Item>
        ))}
        {deprecated.map((d) => (
          <List.Item key={`deprecated:${d.pathText}`} data-status="deprecated" data-path={d.pathText}>
            {deprecatedSentence(t, d)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
