/**
 * Rancher-ready charts: questions.yaml drives the values form (groups, types, show_if,
 * subquestions) and app-readme.md becomes the app's introduction on upload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { showIfHolds } from '../../../shared/show-if';
import { writeTgz } from '../../../src-main/chart/tar-write';
import { readChartArchive } from '../../../src-main/chart/archive';
import { loadValuesChart } from '../../../src-main/values/chart-values';
import { buildFormModel } from '../../../src-main/values/form-model';
import { cleanup, person, tempDir, type Person } from '../catalog/people';

const QUESTIONS = {
  questions: [
    { variable: 'replicaCount', label: 'Replicas', type: 'int', min: 1, max: 5, default: '1', group: 'General' },
    { variable: 'service.type', label: 'Service type', type: 'enum', options: ['ClusterIP', 'NodePort'], default: 'ClusterIP', group: 'Networking' },
    { variable: 'service.nodePort', label: 'Node port', type: 'int', show_if: 'service.type=NodePort', group: 'Networking' },
    {
      variable: 'persistence.enabled',
      label: 'Keep data',
      type: 'boolean',
      default: 'false',
      group: 'Storage',
      show_subquestion_if: true,
      subquestions: [
        { variable: 'persistence.size', label: 'Volume size', type: 'string', default: '8Gi' },
        { variable: 'persistence.storageClass', label: 'Storage class', type: 'storageclass' },
      ],
    },
    { variable: 'auth.password', label: 'Admin password', type: 'password', required: true, group: 'General' },
  ],
};

function chart(files: Record<string, string>): Uint8Array {
  const base: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: ledger\nversion: 1.0.0\n',
    'values.yaml': 'replicaCount: 2\nservice:\n  type: ClusterIP\npersistence:\n  enabled: false\nauth:\n  password: ""\nimage: acme/ledger:1.0\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    ...files,
  };
  return writeTgz(Object.entries(base).map(([name, text]) => ({ name: `ledger/${name}`, data: new TextEncoder().encode(text) })));
}

describe('questions.yaml drives the values form', () => {
  const model = buildFormModel(loadValuesChart(readChartArchive(chart({ 'questions.yaml': stringify(QUESTIONS) }))));
  const visible = (model.root.children ?? []).filter((f) => !f.hidden);

  it('shows one field per question, typed, labelled and grouped, values.yaml deciding the defaults', () => {
    expect(model.questions).toBe(true);
    expect(visible.map((f) => f.key)).toEqual([
      'replicaCount',
      'service.type',
      'service.nodePort',
      'persistence.enabled',
      'persistence.size',
      'persistence.storageClass',
      'auth.password',
    ]);
    expect(visible[0]).toMatchObject({ path: ['replicaCount'], kind: 'integer', title: 'Replicas', minimum: 1, maximum: 5, default: 2, section: 'General' });
    expect(visible[1]).toMatchObject({ kind: 'string', enum: ['ClusterIP', 'NodePort'], section: 'Networking' });
    expect(visible[4]).toMatchObject({ path: ['persistence', 'size'], default: '8Gi', section: 'Storage' });
    expect(visible[6]).toMatchObject({ secret: true, required: true });
    expect(model.sections.slice(0, 3)).toEqual(['General', 'Networking', 'Storage']);
    // settings no question covers stay in the model for the YAML, out of the form
    expect(model.root.children?.find((f) => f.key === 'image')?.hidden).toBe(true);
  });

  it('shows a field only while its show_if holds, and subquestions while their parent has the value', () => {
    const nodePort = visible.find((f) => f.key === 'service.nodePort')!;
    const size = visible.find((f) => f.key === 'persistence.size')!;
    expect(showIfHolds(nodePort.showIf, { service: { type: 'ClusterIP' } })).toBe(false);
    expect(showIfHolds(nodePort.showIf, { service: { type: 'NodePort' } })).toBe(true);
    expect(size.showIf).toBe('persistence.enabled=true');
    expect(showIfHolds(size.showIf, { persistence: { enabled: false } })).toBe(false);
    expect(showIfHolds(size.showIf, { persistence: { enabled: true } })).toBe(true);
    expect(showIfHolds('a=1||b=2', { b: 2 })).toBe(true);
  });

  it('refuses a malformed or hostile questions.yaml with a sentence naming the question', () => {
    const load = (q: string) => () => buildFormModel(loadValuesChart(readChartArchive(chart({ 'questions.yaml': q }))));
    expect(load(stringify({ questions: [{ label: 'no variable' }] }))).toThrow('questions.yaml: question 1 has no usable "variable"');
    expect(load(stringify({ questions: [{ variable: 'a', show_if: '<script>' }] }))).toThrow('the show_if of a is not a condition');
    expect(load(stringify({ questions: [{ variable: '../../etc' }] }))).toThrow(/no usable "variable"/);
    expect(load(stringify({ questions: Array.from({ length: 501 }, (_, i) => ({ variable: `k${i}` })) }))).toThrow('more than 500 questions');
    expect(load('questions: &a [*a]')).toThrow();
  });
});

describe('app-readme.md', () => {
  let iris: Person;
  beforeAll(async () => {
    iris = person('Iris');
    await iris.sync.init('Vendor catalog', { kind: 'folder', path: tempDir('rq-store') });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
  });
  afterAll(() => {
    iris?.close();
    cleanup(iris?.dataDir);
  });

  it('becomes the app’s introduction when a Rancher-ready chart is uploaded', async () => {
    const app = await iris.commands.createApp({
      workspace: 'demo-workspace',
      chart: Buffer.from(chart({ 'app-readme.md': '# Ledger\n\nA ledger for **teams**.\n' })).toString('base64'),
    });
    expect((await iris.queries.app(app.id)).info.introduction).toBe('# Ledger\n\nA ledger for **teams**.');
  });
});
