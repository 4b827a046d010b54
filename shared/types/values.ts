/**
 * Chart values as the review and upgrade tools see them: the form model built from a chart's
 * values.schema.json (or inferred from values.yaml and its comments), validation problems,
 * the 3-way merge used when an instance moves to another chart version, and structural diffs.
 */
import type { Sentence } from '../result';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Keys from the top of the values down to one value; array positions are numbers. */
export type ValuePath = (string | number)[];

/**
 * What kind of input a field gets. `map` is an object whose keys are the user's to choose
 * (labels, annotations, `{}` defaults); `any` is a value whose type nothing tells us.
 */
export type FieldKind = 'object' | 'map' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'any';

export interface FormField {
  key: string;
  /** Keys from the root; arrays are edited as a whole, so form paths hold only keys. */
  path: string[];
  kind: FieldKind;
  /** `null` is an accepted value. */
  nullable: boolean;
  /** Where the field is known from: the chart's schema, its values.yaml, or both. */
  origin: 'schema' | 'values' | 'both';
  title?: string;
  description?: string;
  /** The Bitnami `## @section` (or helm-docs `@section`) the field belongs to. */
  section?: string;
  /** The chart's default: values.yaml (after the parent's overrides for subcharts), else the schema's `default`. */
  default?: JsonValue;
  enum?: JsonValue[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  maxItems?: number;
  /** For arrays: the kind of their items when the schema or the default says. */
  itemKind?: FieldKind;
  required: boolean;
  /** Shown masked: `format: password`, or a string whose key names a password, secret or token. */
  secret: boolean;
  deprecated?: boolean;
  readOnly?: boolean;
  /** Marked `@skip` by the chart's docs, or a library subchart: kept out of the form, still in the YAML. */
  hidden?: boolean;
  /** Set on the field that holds a subchart's values: the subchart's chart name. */
  subchart?: string;
  /** Rancher's `show_if` (questions.yaml): the field shows only while this condition on the values holds (shared/show-if.ts). */
  showIf?: string;
  children?: FormField[];
}

export interface FormModel {
  chart: { name: string; version: string };
  /** `schema` when the chart (or one of its subcharts) ships a values.schema.json. */
  source: 'schema' | 'inferred';
  /** Charts whose schema was used, by where their values sit (`[]` = the chart itself). */
  schemas: { chart: string; path: string[] }[];
  root: FormField;
  /** Section titles in the order values.yaml declares them. */
  sections: string[];
  /** True when the chart's questions.yaml (Rancher) decides the fields shown. */
  questions?: boolean;
  /** The chart's values.yaml text, comments included: the YAML editor starts from it. */
  valuesYaml: string;
  /** The chart's default values with subcharts' defaults coalesced in, as Helm computes them. */
  defaults: JsonObject;
}

export interface ValuesProblem {
  path: ValuePath;
  /** `image.pullPolicy`, `ingress.hosts[0]` (keys with dots are escaped as `--set` does). */
  pathText: string;
  /** The chart whose schema raised it (a subchart's name for its values). */
  chart: string;
  /** The JSON Schema keyword that failed (`type`, `enum`, `required`, …) or `yaml` for a parse error. */
  keyword: string;
  message: string;
  /** The same as a sentence, said in the reader's language (absent for a check Berth does not word). */
  say?: Sentence;
  params?: Record<string, string | number | boolean>;
}

export interface ValuesValidation {
  valid: boolean;
  problems: ValuesProblem[];
}

// ── 3-way merge ───────────────────────────────────────────────────────────────

export type ConflictKind =
  /** The key the user set is gone from the new version and nothing looks like its new name. */
  | 'removed'
  /** The key the user set is gone, and a new key looks like its new name. */
  | 'renamed'
  /** The user overrode a default that the new version changed too. */
  | 'default-changed'
  /** The user's value no longer has the type the new version expects there. */
  | 'type-changed';

export type Resolution =
  /** Keep the user's value where it was. */
  | { choice: 'keep' }
  /** Let go of the override and use the new version's default. */
  | { choice: 'new-default' }
  /** Drop the override (the key no longer exists). */
  | { choice: 'drop' }
  /** Carry the user's value to another key. */
  | { choice: 'move'; to: string[] }
  /** Apply the conflict's suggestion (e.g. an image reference split into repository and tag). */
  | { choice: 'suggestion' }
  /** Set a value the user typed. */
  | { choice: 'custom'; value: JsonValue };

export type ResolutionChoice = Resolution['choice'];

export interface ValuesConflict {
  /** Stable within one merge: `<kind>:<pathText>`. */
  id: string;
  kind: ConflictKind;
  path: string[];
  pathText: string;
  userValue: JsonValue;
  /** Absent when the key had no default (the user added it). */
  oldDefault?: JsonValue;
  /** Absent when the new version has no such key. */
  newDefault?: JsonValue;
  /** For `renamed`: the key the old one seems to have become. */
  renamedTo?: string[];
  /** Values that would carry the user's intent into the new shape. */
  suggestion?: { path: string[]; value: JsonValue }[];
  choices: ResolutionChoice[];
  /** What Berth would do if the user agrees. */
  proposed: Resolution;
}

export interface Merge3Result {
  /** The user's overrides for the new version, without the conflicting ones (they await a resolution). */
  values: JsonObject;
  /** Overrides carried as they were. */
  carried: { path: string[]; pathText: string; value: JsonValue }[];
  /** Overrides that the new defaults now equal, so nothing needs carrying. */
  converged: { path: string[]; pathText: string }[];
  conflicts: ValuesConflict[];
  /** The person's overrides judged against the new version: keys none of its templates read, keys its schema deprecates. */
  usage?: ValuesUsage;
}

export interface SettledValues {
  /** The overrides to use with the new version. */
  values: JsonObject;
  /** Conflict ids no resolution was given for (the values leave them out). */
  unresolved: string[];
}

// ── structural diff ───────────────────────────────────────────────────────────

export type ValuesChangeKind = 'added' | 'removed' | 'changed' | 'type-changed';

export interface ValuesChange {
  kind: ValuesChangeKind;
  path: ValuePath;
  pathText: string;
  before?: JsonValue;
  after?: JsonValue;
}

export interface ValuesDiff {
  changes: ValuesChange[];
  /** Removed keys whose value seems to live on under a new key. */
  moved: { from: string[]; to: string[]; fromText: string; toText: string; before: JsonValue; after: JsonValue }[];
  counts: Record<ValuesChangeKind, number>;
}

// ── values no template reads, and deprecated values ──────────────────────────────

/**
 * A key someone set that no template reads (`unused`, with the nearest key that is read), or
 * that templates reach only dynamically, so whether it is read cannot be told (`not-judged`).
 */
export interface ValueUsageFinding {
  status: 'unused' | 'not-judged';
  path: string[];
  pathText: string;
  /** The nearest key a template does read (`replicaCount` for `replicaCont`). */
  suggestion?: string;
  message: string;
  /** For `not-judged`: the template and the function (`index`, `get`, `include`, …) that reach the value dynamically. */
  file?: string;
  via?: string;
  /** The path that function reaches from (`extra`); empty when it is handed all values. */
  reach?: string;
}

/** A value the chart's schema marks deprecated (`deprecated: true` or a description starting "Deprecated"). */
export interface DeprecatedValue {
  path: string[];
  pathText: string;
  /** The schema's description, when it gives one. */
  reason?: string;
  message: string;
}

/** The values given, judged against what the chart's templates read (src-main/render/engine/values_judge.go). */
export interface ValuesUsage {
  findings: ValueUsageFinding[];
  /** Deprecated values among those set. */
  deprecated: DeprecatedValue[];
}
