/**
 * --set, --set-string, --set-json, --set-file and --set-literal give the same values as helm:
 * each case renders a chart that prints its values with Berth (values merged by the engine, then
 * rendered) and with the real `helm template`, and the outputs must be identical.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValueSources } from '../../../shared/types/chart';
import { mergeValueSources } from '../../../src-main/deploy/set-values';
import { renderChart } from '../../../src-main/render/render';
import { runHelm } from '../../services/helm';
import { chartPackage } from './cluster-fixtures';
import { testEngine } from '../../services/engine';

let work: string;
let chart: string;
let textFile: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'berth-set-values-'));
  textFile = join(work, 'motd.txt');
  writeFileSync(textFile, 'line one\nline, two\n');
  chart = chartPackage(work, 'printer', {
    'Chart.yaml': 'apiVersion: v2\nname: printer\nversion: 0.1.0\n',
    'values.yaml': 'keep: 1\ndropped: yes\nnested:\n  a: 1\n  b: 2\nlist: [x, y]\n',
    'templates/values.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  json: {{ toJson .Values | quote }}\n  yaml: |\n{{ toYaml .Values | indent 4 }}\n',
  });
});

type Case = [title: string, sources: ValueSources];

const cases: Case[] = [
  ['nested keys and typing', { set: ['a.b=1,c=true,d=FALSE,e=null,f=0,g=0123,h=-5,i=1.5,j=1e3,k=1000000,l=9223372036854775808,m='] }],
  ['escaped commas, dots and equals', { set: ['name=a\\,b,annotations.kubernetes\\.io/name=x,eq=a\\=b,url=http://h?x=1'] }],
  ['list indexes', { set: ['servers[1].port=8080,servers[0].host=a', 'list[2]=z', 'matrix[0][1]=q'] }],
  ['list literals', { set: ['tags={a,b,3},empty={}'] }],
  ['null removes a chart default', { set: ['dropped=null,nested.a=null'] }],
  ['later --set wins, maps merge', { set: ['nested.c=3', 'nested.c=4,nested.d=x'] }],
  ['--set-string keeps strings', { setString: ['replicas=3,flag=true,none=null,zero=0'] }],
  ['--set-string over --set', { set: ['port=80'], setString: ['port=8080'] }],
  ['--set-json', { setJson: ['j={"x":[1,2],"y":null}', 'arr=[1,"a",true]', '{"top":{"k":"v"}}'] }],
  ['--set-file', { setFile: [`motd=${'FILE'}`] }],
  ['--set-literal keeps commas and equals', { setLiteral: ['lit=a,b=c\\,d'] }],
];

function helmFlags(s: ValueSources): string[] {
  const flags: string[] = [];
  for (const v of s.set ?? []) flags.push('--set', v);
  for (const v of s.setString ?? []) flags.push('--set-string', v);
  for (const v of s.setJson ?? []) flags.push('--set-json', v);
  for (const v of s.setFile ?? []) flags.push('--set-file', v);
  for (const v of s.setLiteral ?? []) flags.push('--set-literal', v);
  return flags;
}

function withFile(s: ValueSources): ValueSources {
  return s.setFile ? { ...s, setFile: s.setFile.map((v) => v.replace('FILE', textFile)) } : s;
}

describe('command-line values, as helm parses them', () => {
  it.each(cases)('%s', async (_, raw) => {
    const sources = withFile(raw);
    const helm = await runHelm(['template', 'r', chart, ...helmFlags(sources)], join(work, 'helm-home'));
    expect(helm.stderr).toBe('');
    const values = await mergeValueSources(sources, testEngine());
    const berth = await renderChart({ path: chart }, { releaseName: 'r', valuesYaml: [JSON.stringify(values)] }, testEngine());
    expect(berth.output).toBe(helm.stdout);
  });

  it('refuses what helm refuses, with helm’s message', async () => {
    for (const set of ['novalue', 'a[x]=1', 'list[-1]=2']) {
      const helm = await runHelm(['template', 'r', chart, '--set', set], join(work, 'helm-home'));
      expect(helm.status).not.toBe(0);
      const message = helm.stderr.replace(/^Error: /, '').trim();
      expect(message).not.toBe('');
      await expect(mergeValueSources({ set: [set] }, testEngine())).rejects.toThrow(message);
    }
  });
});
