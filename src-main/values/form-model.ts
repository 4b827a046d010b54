/**
 * The form a person fills in for a chart's values: the chart's values.schema.json where it
 * has one (subcharts' schemas under their key), overlaid on what values.yaml and its
 * comments tell, so keys the schema leaves out still get a field and schema fields get the
 * chart's real defaults.
 */
import type { FormField, FormModel, JsonObject } from '../../shared/types/values';
import { chartValues } from './coalesce';
import type { ValuesChart } from './chart-values';
import { inferFields } from './infer-form';
import { applyQuestions, readQuestions } from './rancher-questions';
import { isObject } from './json-value';
import { schemaField } from './schema-form';
import { readValuesDocs, type ValuesDocs } from './values-docs';

/** One field from what the schema says (`s`) and what values.yaml says (`v`). */
function combine(s: FormField | undefined, v: FormField | undefined): FormField {
  if (!s) return v!;
  if (!v) return s;
  const field: FormField = { ...s, origin: 'both', nullable: s.nullable || v.nullable, secret: s.secret || v.secret };
  if (s.kind === 'any') field.kind = v.kind;
  if (s.kind === 'map' && v.kind === 'object') field.kind = 'object';
  if (v.default !== undefined) field.default = v.default;
  field.description = s.description ?? v.description;
  if (!field.description) delete field.description;
  if (v.section) field.section = v.section;
  if (v.hidden) field.hidden = true;
  if (!field.itemKind && v.itemKind) field.itemKind = v.itemKind;
  if (field.kind === 'object') field.children = combineLists(s.children ?? [], v.children ?? []);
  else delete field.children;
  return field;
}

/** values.yaml's order first (people know their values file), then keys only the schema has. */
function combineLists(schema: FormField[], values: FormField[]): FormField[] {
  const bySchema = new Map(schema.map((f) => [f.key, f]));
  const out = values.map((v) => combine(bySchema.get(v.key), v));
  const seen = new Set(values.map((v) => v.key));
  for (const s of schema) if (!seen.has(s.key)) out.push(s);
  return out;
}

interface Built {
  fields: FormField[];
  schemas: FormModel['schemas'];
}

/** The fields of one chart whose values sit at `prefix`, given its effective defaults there. */
function chartFields(chart: ValuesChart, prefix: string[], defaults: JsonObject, docs: ValuesDocs): Built {
  const depKeys = new Set(chart.dependencies.map((d) => d.key));
  const own: JsonObject = Object.fromEntries(Object.entries(defaults).filter(([k]) => !depKeys.has(k)));
  const inferred = inferFields(own, docs, prefix, []);
  const schemas: FormModel['schemas'] = [];
  let fields = inferred;
  if (chart.schema) {
    schemas.push({ chart: chart.name, path: prefix });
    const root = schemaField(chart.schema, chart.schema, prefix[prefix.length - 1] ?? '', prefix, false);
    fields = combineLists(
      (root.children ?? []).filter((f) => !depKeys.has(f.key)),
      inferred,
    );
  }
  for (const dep of chart.dependencies) {
    const path = [...prefix, dep.key];
    const parentSection = defaults[dep.key];
    // Disabled subcharts were not coalesced; the form still offers their settings.
    const subDefaults = chartValues(dep.chart, isObject(parentSection) ? parentSection : {}, true);
    const sub = chartFields(dep.chart, path, subDefaults, readValuesDocs(dep.chart.valuesYaml));
    schemas.push(...sub.schemas);
    for (const f of sub.fields) if (f.key === 'global') f.hidden = true; // inherited from the parent
    const field: FormField = {
      key: dep.key,
      path,
      kind: 'object',
      nullable: false,
      origin: dep.chart.schema ? 'schema' : 'values',
      required: false,
      secret: false,
      subchart: dep.chart.name,
      default: subDefaults,
      children: sub.fields,
    };
    if (dep.chart.type === 'library') field.hidden = true;
    const parentDoc = docs.byPath.get(dep.key);
    if (parentDoc?.description) field.description = parentDoc.description;
    if (parentDoc?.section) field.section = parentDoc.section;
    fields.push(field);
  }
  return { fields, schemas };
}

function firstSection(field: FormField): string | undefined {
  if (field.section) return field.section;
  for (const c of field.children ?? []) {
    const s = firstSection(c);
    if (s) return s;
  }
  return undefined;
}

export function buildFormModel(chart: ValuesChart): FormModel {
  const docs = readValuesDocs(chart.valuesYaml);
  const defaults = chartValues(chart, {});
  const { fields, schemas } = chartFields(chart, [], defaults, docs);
  for (const f of fields) {
    const section = firstSection(f);
    if (section) f.section = section;
  }
  const model: FormModel = {
    chart: { name: chart.name, version: chart.version },
    source: schemas.length > 0 ? 'schema' : 'inferred',
    schemas,
    root: {
      key: '',
      path: [],
      kind: 'object',
      nullable: false,
      origin: schemas.length > 0 ? 'both' : 'values',
      required: false,
      secret: false,
      children: fields,
    },
    sections: docs.sections,
    valuesYaml: chart.valuesYaml,
    defaults,
  };
  return chart.questionsYaml === undefined ? model : applyQuestions(model, readQuestions(chart.questionsYaml));
}
