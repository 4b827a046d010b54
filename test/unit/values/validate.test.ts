import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/types/values';
import type { ValuesChart } from '../../../src-main/values/chart-values';
import { validateValues, validateValuesText } from '../../../src-main/values/validate';
import { corpusChart, CORPUS, seedChart } from './charts';

/** Helm's "values don't meet the specifications" report: chart → JSON pointers. */
function helmSchemaErrors(errFile: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let chart = '';
  for (const line of readFileSync(join(CORPUS, 'expected', errFile), 'utf8').split('\n')) {
    const header = /^([\w.-]+):$/.exec(line);
    if (header) chart = header[1];
    const at = /^- at '([^']*)'/.exec(line);
    if (at) out.set(chart, [...(out.get(chart) ?? []), at[1]]);
  }
  return out;
}

function pointers(chart: ValuesChart, user: JsonObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of validateValues(chart, user).problems) {
    const pointer = '/' + p.path.slice(p.chart === chart.name ? 0 : 1).join('/');
    out.set(p.chart, [...(out.get(p.chart) ?? []), pointer]);
  }
  return out;
}

function schema(s: JsonObject, values: JsonObject = {}): ValuesChart {
  return { name: 'demo', version: '1.0.0', type: 'application', valuesYaml: '', values, schema: s, dependencies: [] };
}

describe('validating values against the chart schemas', () => {
  it('accepts the default values of every corpus chart, as helm did when rendering them', () => {
    for (const file of readdirSync(join(CORPUS, 'charts'))) {
      const result = validateValues(corpusChart(file), {});
      expect(result.problems, file).toEqual([]);
    }
  });

  // Same values as the corpus cases, whose expected stderr is Helm's own schema report.
  const cases: [string, string, JsonObject][] = [
    ['nginx-err-schema-type.err', 'nginx-22.1.1.tgz', { replicaCount: 'three' }],
    ['prometheus-err-schema.err', 'prometheus-29.27.0.tgz', { server: { replicaCount: 'abc' } }],
    ['wordpress-err-subchart-schema.err', 'wordpress-27.0.0.tgz', { mariadb: { architecture: 123 } }],
  ];
  for (const [err, file, user] of cases) {
    it(`finds what helm found: ${err}`, () => {
      expect(pointers(corpusChart(file), user)).toEqual(helmSchemaErrors(err));
    });
  }

  it('explains the problem in a sentence and names the subchart whose schema raised it', () => {
    const [p] = validateValues(corpusChart('wordpress-27.0.0.tgz'), { mariadb: { architecture: 123 } }).problems;
    expect(p).toMatchObject({ chart: 'mariadb', pathText: 'mariadb.architecture', keyword: 'type' });
    expect(p.message).toBe('mariadb.architecture must be a string, not an integer (123).');
  });

  it('skips the schema of a disabled subchart, as helm does', () => {
    expect(validateValues(corpusChart('wordpress-27.0.0.tgz'), { mariadb: { enabled: false, architecture: 123 } }).valid).toBe(true);
  });

  it('checks enums, bounds, patterns and required keys with paths for each', () => {
    const chart = schema({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
        mode: { enum: ['a', 'b'] },
        replicas: { type: 'integer', minimum: 1, maximum: 9 },
        ports: { type: 'array', items: { type: 'integer', exclusiveMinimum: 0 } },
      },
    });
    const problems = validateValues(chart, { name: 'Nope!!', mode: 'c', replicas: 0, ports: [80, 0] }).problems;
    const byPath = Object.fromEntries(problems.map((p) => [`${p.pathText}:${p.keyword}`, p.message]));
    expect(byPath).toEqual({
      'name:pattern': 'name must match the pattern ^[a-z]+$.',
      'name:maxLength': 'name must be at most 5 characters long.',
      'mode:enum': 'mode must be one of "a", "b".',
      'replicas:minimum': 'replicas must be at least 1.',
      'ports[1]:exclusiveMinimum': 'ports[1] must be more than 0.',
    });
    expect(validateValues(chart, {}).problems.map((p) => [p.pathText, p.keyword])).toEqual([['name', 'required']]);
  });

  it('resolves $ref and says once that none of the anyOf forms match', () => {
    const chart = schema({
      definitions: { port: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^[a-z]+$' }] } },
      properties: { port: { $ref: '#/definitions/port' } },
    });
    expect(validateValues(chart, { port: 'http' }).valid).toBe(true);
    const problems = validateValues(chart, { port: true }).problems;
    expect(problems.map((p) => [p.pathText, p.keyword])).toEqual([['port', 'anyOf']]);
  });

  it('reports a YAML mistake with its line instead of throwing', () => {
    const result = validateValuesText(seedChart('v4.0.2'), 'replicaCount: 3\nimage:\n  repository: [unclosed\n');
    expect(result.valid).toBe(false);
    expect(result.problems[0].keyword).toBe('yaml');
    expect(result.problems[0].params?.line).toBeGreaterThan(1);
  });

  it('refuses a values file that is not a map', () => {
    expect(validateValuesText(seedChart('v4.0.2'), '- a\n- b\n').problems[0].message).toMatch(/map of keys and values/);
  });
});
