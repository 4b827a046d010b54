import { ActionIcon, Badge, Group, NumberInput, PasswordInput, Select, Switch, TagsInput, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parse, stringify } from 'yaml';
import type { FormField, JsonValue } from '../../../shared/types/values';

export interface FieldInputProps {
  field: FormField;
  value: JsonValue | undefined;
  overridden: boolean;
  problem?: string;
  onChange(value: JsonValue | undefined): void;
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** Label with the key, the changed badge and the reset button. */
function FieldLabel({ field, overridden, onReset }: { field: FormField; overridden: boolean; onReset(): void }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" component="span">
      {/* a value the schema marks deprecated is struck through; its description gives the reason */}
      <Text component="span" fz="sm" fw={500} td={field.deprecated ? 'line-through' : undefined} data-deprecated={field.deprecated ? 'true' : undefined}>
        {field.title ?? field.key}
      </Text>
      {field.deprecated && (
        <Badge size="xs" variant="light" color="orange" radius="sm" data-testid="deprecated-badge">
          {t('valuesForm.deprecated')}
        </Badge>
      )}
      {field.title && (
        <Text component="span" fz="xs" c="dimmed" ff="monospace">
          {field.key}
        </Text>
      )}
      {overridden && (
        <>
          <Badge size="xs" variant="light" color="blue" radius="sm" data-testid="changed-badge">
            {t('valuesForm.changed')}
          </Badge>
          <Tooltip label={t('valuesForm.reset')}>
            <ActionIcon size="xs" variant="subtle" onClick={onReset} aria-label={t('valuesForm.resetField', { field: field.path.join('.') })}>
              <IconArrowBackUp size={14} />
            </ActionIcon>
          </Tooltip>
        </>
      )}
    </Group>
  );
}

/** Lists of objects, maps and values of unknown type are edited as a small YAML snippet. */
function YamlSnippet({
  value,
  onChange,
  label,
  description,
  error,
}: {
  value: JsonValue | undefined;
  onChange(v: JsonValue | undefined): void;
  label: ReactNode;
  description?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const shown = value === undefined ? '' : stringify(value).trimEnd();
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState<string>();
  useEffect(() => setText(shown), [shown]);
  return (
    <Textarea
      label={label}
      description={description}
      value={text}
      autosize
      minRows={1}
      maxRows={12}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5 } }}
      error={bad ?? error}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={() => {
        if (text === shown) return;
        try {
          const parsed = text.trim() === '' ? null : (parse(text, { version: '1.1' }) as JsonValue);
          setBad(undefined);
          onChange(parsed);
        } catch {
          setBad(t('valuesForm.invalidYaml'));
        }
      }}
    />
  );
}

export function FieldInput({ field, value, overridden, problem, onChange }: FieldInputProps) {
  const { t } = useTranslation();
  const label = <FieldLabel field={field} overridden={overridden} onReset={() => onChange(undefined)} />;
  const common = { label, description: field.description, error: problem, required: field.required, 'data-path': field.path.join('.') };
  const nullable = (v: JsonValue) => (v === '' && field.nullable ? null : v);

  if (field.enum && field.enum.every(isScalar)) {
    const options = field.enum.map((v) => ({ value: JSON.stringify(v), label: v === '' ? t('valuesForm.emptyString') : String(v) }));
    return (
      <Select
        {...common}
        data={options}
        value={value === undefined ? null : JSON.stringify(value)}
        onChange={(v) => onChange(v === null ? undefined : (JSON.parse(v) as JsonValue))}
        allowDeselect={false}
      />
    );
  }
  switch (field.kind) {
    case 'boolean':
      return (
        <Switch
          label={label}
          description={field.description}
          error={problem}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          data-path={field.path.join('.')}
        />
      );
    case 'integer':
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : typeof value === 'string' ? value : ''}
          min={field.minimum ?? field.exclusiveMinimum}
          max={field.maximum ?? field.exclusiveMaximum}
          allowDecimal={field.kind === 'number'}
          onChange={(v) => onChange(v === '' ? (field.nullable ? null : undefined) : typeof v === 'number' ? v : nullable(v))}
        />
      );
    case 'string': {
      const text = value === null || value === undefined ? '' : String(value);
      if (field.secret) return <PasswordInput {...common} value={text} onChange={(e) => onChange(nullable(e.currentTarget.value))} autoComplete="off" />;
      if (text.includes('\n') || (typeof field.default === 'string' && field.default.includes('\n'))) {
        return (
          <Textarea
            {...common}
            value={text}
            autosize
            minRows={2}
            maxRows={14}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5 } }}
            onChange={(e) => onChange(e.currentTarget.value)}
          />
        );
      }
      return <TextInput {...common} value={text} pattern={undefined} onChange={(e) => onChange(nullable(e.currentTarget.value))} />;
    }
    case 'array':
      if (
        (field.itemKind === 'string' ||
          field.itemKind === 'integer' ||
          field.itemKind === 'number' ||
          (!field.itemKind && Array.isArray(value) && value.length === 0)) &&
        (value === undefined || value === null || (Array.isArray(value) && value.every(isScalar)))
      ) {
        const list = Array.isArray(value) ? value.map(String) : [];
        const numeric = field.itemKind === 'integer' || field.itemKind === 'number';
        return <TagsInput {...common} value={list} onChange={(v) => onChange(numeric ? v.map((x) => (Number.isFinite(Number(x)) ? Number(x) : x)) : v)} />;
      }
      return <YamlSnippet value={value} onChange={onChange} label={label} description={field.description} error={problem} />;
    default:
      return <YamlSnippet value={value} onChange={onChange} label={label} description={field.description} error={problem} />;
  }
}
