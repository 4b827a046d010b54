import { Badge, Box, Collapse, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField, JsonObject, JsonValue, ValueUsageFinding } from '../../../shared/types/values';
import { showIfHolds } from '../../../shared/show-if';
import { FieldInput } from './FieldInput';
import { usageNoteFor } from './ValueUsage';
import { effectiveValue, getAt, isOverridden, matches } from './yaml-sync';

export interface FieldTreeProps {
  fields: FormField[];
  overrides: JsonObject;
  problems: Map<string, string>;
  filter: string;
  onChange(field: FormField, value: JsonValue | undefined): void;
  depth?: number;
  /** The values in effect (defaults with the overrides over them): Rancher's show_if conditions read them. */
  values?: JsonObject;
  /** What the templates make of the keys set (values.usage), by field path: said next to the field. */
  usage?: Map<string, ValueUsageFinding>;
}

function problemsUnder(field: FormField, problems: Map<string, string>): number {
  const prefix = field.path.join('.');
  let n = 0;
  for (const key of problems.keys()) if (key === prefix || key.startsWith(`${prefix}.`)) n++;
  return n;
}

/** A group of settings (a map with known keys, or a subchart), folded until opened. */
function Group_({ field, depth, ...rest }: Omit<FieldTreeProps, 'fields'> & { field: FormField; depth: number }) {
  const { t } = useTranslation();
  const problemCount = problemsUnder(field, rest.problems);
  const changed = getAt(rest.overrides, field.path) !== undefined;
  const [open, setOpen] = useState(depth === 0 && (field.children?.length ?? 0) <= 6);
  const expanded = open || (rest.filter !== '' && matches(field, rest.filter));
  return (
    <Box style={{ borderLeft: depth > 0 ? '2px solid var(--mantine-color-default-border)' : undefined, paddingLeft: depth > 0 ? 10 : 0 }}>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={expanded} data-group={field.path.join('.')} w="100%">
        <Group gap={6} wrap="nowrap">
          {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Text fw={600} fz="sm">
            {field.title ?? field.key}
          </Text>
          {field.subchart && (
            <Badge size="xs" variant="outline" radius="sm" tt="none">
              {t('valuesForm.subchart', { chart: field.subchart })}
            </Badge>
          )}
          {changed && (
            <Badge size="xs" variant="light" color="blue" radius="sm">
              {t('valuesForm.changed')}
            </Badge>
          )}
          {problemCount > 0 && (
            <Badge size="xs" variant="filled" color="red" radius="sm">
              {t('valuesForm.problemCount', { count: problemCount })}
            </Badge>
          )}
        </Group>
        {field.description && (
          <Text fz="xs" c="dimmed" ml={20} lineClamp={2}>
            {field.description}
          </Text>
        )}
      </UnstyledButton>
      <Collapse in={expanded}>{expanded && <FieldTree {...rest} fields={field.children ?? []} depth={depth + 1} />}</Collapse>
    </Box>
  );
}

function UsageNote({ note }: { note?: { text: string; status: string } }) {
  if (!note) return null;
  return (
    <Text fz="xs" c={note.status === 'unused' ? 'orange.8' : 'dimmed'} data-testid="value-usage-note" data-status={note.status}>
      {note.text}
    </Text>
  );
}

export function FieldTree({ fields, depth = 0, ...rest }: FieldTreeProps) {
  const { t } = useTranslation();
  const visible = fields.filter((f) => !f.hidden && matches(f, rest.filter) && showIfHolds(f.showIf, rest.values ?? rest.overrides));
  return (
    <Stack gap="sm" pt={depth > 0 ? 6 : 0}>
      {visible.map((f) =>
        f.kind === 'object' && (f.children?.length ?? 0) > 0 ? (
          <Group_ key={f.key} field={f} depth={depth} {...rest} />
        ) : (
          <Stack key={f.key} gap={2}>
            <FieldInput
              field={f}
              value={effectiveValue(f, rest.overrides)}
              overridden={isOverridden(f, rest.overrides)}
              problem={rest.problems.get(f.path.join('.'))}
              onChange={(v) => rest.onChange(f, v)}
            />
            <UsageNote note={usageNoteFor(t, rest.usage, f.path)} />
          </Stack>
        ),
      )}
    </Stack>
  );
}
