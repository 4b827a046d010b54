/**
 * Rancher's questions.yaml (https://ranchermanager.docs.rancher.com/how-to-guides/new-user-guides/helm-charts-in-rancher/create-apps):
 * the chart author's own form. When a chart ships one, its questions become the values form —
 * one field per `variable` (a dotted values path), grouped by `group`, typed by `type`, shown
 * only while `show_if` holds, with `subquestions` shown while `show_subquestion_if` holds — as
 * Rancher's app catalog shows it. Every other setting stays editable in the YAML beside it.
 *
 * questions.yaml is chart author input: it is parsed with the chart-file guards, limited in
 * size, and every question that cannot be used is refused with a sentence naming it.
 */
import { BerthFailure } from '../../shared/result';
import { validShowIf } from '../../shared/show-if';
import type { FieldKind, FormField, FormModel, JsonValue } from '../../shared/types/values';
import { parseChartYaml } from '../chart/yaml-text';

const MAX_QUESTIONS = 500;
const VARIABLE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

interface Question {
  variable: string;
  label?: string;
  description?: string;
  type: string;
  group?: string;
  default?: unknown;
  required?: boolean;
  options?: unknown[];
  min?: number;
  max?: number;
  min_length?: number;
  max_length?: number;
  show_if?: string;
  show_subquestion_if?: unknown;
  subquestions?: Question[];
}

function invalid(message: string): never {
  throw new BerthFailure('chart.invalid', `questions.yaml: ${message}`, { file: 'questions.yaml' });
}

const KIND: Record<string, FieldKind> = {
  string: 'string',
  multiline: 'string',
  password: 'string',
  hostname: 'string',
  storageclass: 'string',
  pvc: 'string',
  secret: 'string',
  enum: 'string',
  boolean: 'boolean',
  int: 'integer',
  float: 'number',
};

/** Rancher writes defaults as text ("false", "8"); the form wants the value the type means. */
function typedDefault(kind: FieldKind, v: unknown): JsonValue | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (kind === 'boolean') return v === true || v === 'true';
  if (kind === 'integer' || kind === 'number') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return typeof v === 'object' ? undefined : String(v);
}

function text(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function readQuestion(raw: unknown, where: string, count: { n: number }): Question {
  if (++count.n > MAX_QUESTIONS) invalid(`more than ${MAX_QUESTIONS} questions; Berth reads at most that many.`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) invalid(`${where} is not a question (a map with "variable").`);
  const q = raw as Record<string, unknown>;
  const variable = typeof q.variable === 'string' ? q.variable.trim() : '';
  if (!VARIABLE.test(variable) || variable.length > 256) invalid(`${where} has no usable "variable" (a values path like persistence.size).`);
  const type = typeof q.type === 'string' ? q.type : 'string';
  for (const key of ['show_if'] as const) {
    if (q[key] !== undefined && (typeof q[key] !== 'string' || !validShowIf(q[key] as string)))
      invalid(`the ${key} of ${variable} is not a condition like "ingress.enabled=true".`);
  }
  const out: Question = { variable, type };
  const label = text(q.label, 200);
  const description = text(q.description, 2000);
  const group = text(q.group, 100);
  if (label) out.label = label;
  if (description) out.description = description;
  if (group) out.group = group;
  if (q.default !== undefined) out.default = q.default;
  if (q.required === true || q.required === 'true') out.required = true;
  if (Array.isArray(q.options)) out.options = q.options.slice(0, 200).filter((o) => ['string', 'number', 'boolean'].includes(typeof o));
  for (const k of ['min', 'max', 'min_length', 'max_length'] as const) if (typeof q[k] === 'number' && Number.isFinite(q[k])) out[k] = q[k] as number;
  if (typeof q.show_if === 'string') out.show_if = q.show_if;
  if (q.show_subquestion_if !== undefined) out.show_subquestion_if = q.show_subquestion_if;
  if (q.subquestions !== undefined) {
    if (!Array.isArray(q.subquestions)) invalid(`the subquestions of ${variable} must be a list.`);
    // Rancher nests one level: subquestions of subquestions are not shown there either
    out.subquestions = q.subquestions.map((s, i) => ({ ...readQuestion(s, `subquestion ${i + 1} of ${variable}`, count), subquestions: undefined }));
  }
  return out;
}

/** Parses questions.yaml; refuses with a sentence what is not a questions file. */
export function readQuestions(textContent: string): Question[] {
  if (textContent.length > 512 * 1024) invalid('the file is larger than 512 KiB.');
  const doc = parseChartYaml(textContent, 'questions.yaml');
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc)) invalid('the file must be a map with a "questions" list.');
  const list = (doc as Record<string, unknown>).questions;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) invalid('"questions" must be a list.');
  const count = { n: 0 };
  return list.map((q, i) => readQuestion(q, `question ${i + 1}`, count));
}

function field(q: Question, showIf: string | undefined, defaults: FormModel['defaults']): FormField {
  const kind = KIND[q.type] ?? 'string';
  const path = q.variable.split('.');
  let fromValues: JsonValue | undefined = defaults;
  for (const k of path) fromValues = fromValues && typeof fromValues === 'object' && !Array.isArray(fromValues) ? fromValues[k] : undefined;
  const f: FormField = {
    key: q.variable,
    path,
    kind,
    nullable: false,
    origin: 'values',
    required: q.required === true,
    secret: q.type === 'password' || q.type === 'secret',
  };
  // values.yaml decides what Helm uses; the question's default only fills what values.yaml leaves out
  const d = fromValues !== undefined ? fromValues : typedDefault(kind, q.default);
  if (d !== undefined) f.default = d;
  if (q.label) f.title = q.label;
  if (q.description) f.description = q.description;
  if (q.group) f.section = q.group;
  if (q.type === 'enum' && q.options?.length) f.enum = q.options as JsonValue[];
  if (kind === 'integer' || kind === 'number') {
    if (q.min !== undefined) f.minimum = q.min;
    if (q.max !== undefined) f.maximum = q.max;
  } else {
    if (q.min_length !== undefined) f.minLength = q.min_length;
    if (q.max_length !== undefined) f.maxLength = q.max_length;
  }
  if (q.type === 'hostname') f.format = 'hostname';
  if (showIf) f.showIf = showIf;
  return f;
}

const both = (a: string | undefined, b: string | undefined) =>
  a && b
    ? a
        .split('||')
        .flatMap((x) => b.split('||').map((y) => `${x}&&${y}`))
        .join('||')
    : (a ?? b);

/**
 * The form as questions.yaml describes it: the questions (subquestions after their parent) are
 * the visible fields, in the file's order and groups; the fields values.yaml and the schema gave
 * stay in the model, hidden, so nothing else changes for validation or the YAML.
 */
export function applyQuestions(model: FormModel, questions: Question[]): FormModel {
  if (questions.length === 0) return model;
  const visible: FormField[] = [];
  for (const q of questions) {
    const parent = field(q, q.show_if, model.defaults);
    visible.push(parent);
    if (!q.subquestions?.length) continue;
    const when = q.show_subquestion_if === undefined ? undefined : `${q.variable}=${String(q.show_subquestion_if)}`;
    for (const s of q.subquestions) {
      const sub = field({ ...s, group: s.group ?? q.group }, both(both(q.show_if, when), s.show_if), model.defaults);
      visible.push(sub);
    }
  }
  const hidden = (model.root.children ?? []).map((f) => ({ ...f, hidden: true }));
  const groups = [...new Set(questions.flatMap((q) => [q.group, ...(q.subquestions ?? []).map((s) => s.group ?? q.group)]).filter((g): g is string => !!g))];
  return {
    ...model,
    questions: true,
    sections: [...groups, ...model.sections.filter((s) => !groups.includes(s))],
    root: { ...model.root, children: [...visible, ...hidden] },
  };
}
