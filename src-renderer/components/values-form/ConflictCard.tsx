import { Badge, Card, Code, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JsonValue, Resolution, ValuesConflict } from '../../../shared/types/values';

function show(v: JsonValue | undefined): string {
  if (v === undefined) return '—';
  const s = JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 97)}…` : s;
}

function parseTyped(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** One value that could not be carried as it is, with the ways to settle it. */
export function ConflictCard({
  conflict,
  resolution,
  onResolve,
  note,
}: {
  conflict: ValuesConflict;
  resolution: Resolution | undefined;
  onResolve(r: Resolution): void;
  /** What the new version's templates make of this key (values.usage): read by none, or not judgeable. */
  note?: { text: string; status: string };
}) {
  const { t } = useTranslation();
  const c = conflict;
  const choice = resolution?.choice;
  const label = (r: Resolution['choice']): string => {
    switch (r) {
      case 'move':
        return t('valuesUpgrade.choices.move', { to: (resolution?.choice === 'move' ? resolution.to : (c.renamedTo ?? [])).join('.') || '…' });
      case 'suggestion':
        return t('valuesUpgrade.choices.suggestion', { values: (c.suggestion ?? []).map((s) => `${s.path.join('.')}=${show(s.value)}`).join(', ') });
      case 'new-default':
        return t('valuesUpgrade.choices.newDefault', { value: show(c.newDefault) });
      default:
        return t(`valuesUpgrade.choices.${r}`);
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="conflict" data-conflict={c.id}>
      <Stack gap={6}>
        <Group gap="xs">
          <Code fz="sm">{c.pathText}</Code>
          <Badge size="sm" variant="light" color={c.kind === 'removed' ? 'red' : c.kind === 'renamed' ? 'violet' : 'orange'} radius="sm">
            {t(`valuesUpgrade.kinds.${c.kind}`)}
          </Badge>
        </Group>
        <Text fz="sm">{t(`valuesUpgrade.explain.${c.kind}`, { path: c.pathText, to: (c.renamedTo ?? []).join('.') })}</Text>
        {note && (
          <Text fz="xs" c={note.status === 'unused' ? 'orange.8' : 'dimmed'} data-testid="conflict-usage" data-status={note.status}>
            {t('valuesUpgrade.conflictUsage', { note: note.text })}
          </Text>
        )}
        <Group gap="lg" fz="xs">
          <Text fz="xs">
            {t('valuesUpgrade.yours')}: <Code>{show(c.userValue)}</Code>
          </Text>
          <Text fz="xs">
            {t('valuesUpgrade.oldDefault')}: <Code>{show(c.oldDefault)}</Code>
          </Text>
          <Text fz="xs">
            {t('valuesUpgrade.newDefault')}: <Code>{show(c.newDefault)}</Code>
          </Text>
        </Group>
        <Radio.Group
          value={choice ?? null}
          onChange={(v) => {
            const r = v as Resolution['choice'];
            if (r === 'move') onResolve({ choice: 'move', to: c.renamedTo ?? c.path });
            else if (r === 'custom') onResolve({ choice: 'custom', value: c.userValue });
            else onResolve({ choice: r } as Resolution);
          }}
          aria-label={t('valuesUpgrade.settle', { path: c.pathText })}
        >
          <Stack gap={4}>
            {c.choices.map((r) => (
              <Radio key={r} value={r} label={label(r)} size="xs" data-choice={r} />
            ))}
          </Stack>
        </Radio.Group>
        {resolution?.choice === 'move' && (
          <TextInput
            size="xs"
            label={t('valuesUpgrade.moveTo')}
            value={resolution.to.join('.')}
            onChange={(e) => onResolve({ choice: 'move', to: e.currentTarget.value.split('.').filter(Boolean) })}
          />
        )}
        {resolution?.choice === 'custom' && (
          <TextInput
            size="xs"
            label={t('valuesUpgrade.customValue')}
            description={t('valuesUpgrade.customHelp')}
            defaultValue={JSON.stringify(resolution.value)}
            onChange={(e) => onResolve({ choice: 'custom', value: parseTyped(e.currentTarget.value) })}
          />
        )}
      </Stack>
    </Card>
  );
}
