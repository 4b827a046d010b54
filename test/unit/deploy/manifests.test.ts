import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinManifests, manifestsOf, sortManifests, splitManifests } from '../../../src-main/deploy/manifests';
import { parseTemplateOutput } from './helm-output';

const fixtures = join(__dirname, '../../../../shared/fixtures');

describe('release manifests, as Helm sorts and stores them', () => {
  for (const version of ['1.0.0-rc.1', '4.0.2']) {
    it(`rebuilds helm template's output for EMQ X ${version} from the per-template files`, () => {
      const helmOut = readFileSync(join(fixtures, `helm/emqx-v${version}.template.yaml`), 'utf8');
      const files = parseTemplateOutput(helmOut);
      const { manifests, hooks } = sortManifests(files);
      expect(hooks).toEqual([]);
      expect(joinManifests(manifests)).toBe(helmOut);
      expect(manifests.map((m) => m.head.kind)).toEqual(['ServiceAccount', 'ConfigMap', 'Role', 'RoleBinding', 'Service', 'Service', 'StatefulSet']);
    });
  }

  it('orders known kinds by install order and unknown kinds after them alphabetically', () => {
    const files = {
      'c/templates/a.yaml': 'apiVersion: example.com/v1\nkind: Zebra\nmetadata:\n  name: z\n---\napiVersion: example.com/v1\nkind: Apple\nmetadata:\n  name: a',
      'c/templates/b.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n',
      'c/templates/_helpers.tpl': 'apiVersion: v1\nkind: ConfigMap',
    };
    const { manifests } = sortManifests(files);
    expect(manifests.map((m) => m.head.kind)).toEqual(['Namespace', 'Deployment', 'Apple', 'Zebra']);
  });

  it('separates hooks with their events, weight and delete policies', () => {
    const files = {
      'c/templates/job.yaml': [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '  name: migrate',
        '  annotations:',
        '    "helm.sh/hook": pre-install, pre-upgrade',
        '    "helm.sh/hook-weight": "-5"',
        '    "helm.sh/hook-delete-policy": hook-succeeded',
      ].join('\n'),
      'c/templates/bad-hook.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: sometime',
    };
    const { hooks, manifests } = sortManifests(files);
    expect(manifests).toEqual([]);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      name: 'migrate',
      kind: 'Job',
      events: ['pre-install', 'pre-upgrade'],
      weight: -5,
      delete_policies: ['hook-succeeded'],
      last_run: { phase: '' },
    });
  });

  it('splits documents the way Helm does and reads a stored manifest back', () => {
    expect(splitManifests('---\na: 1\n---\nb: 2\n---   \n\n')).toEqual(['a: 1', 'b: 2']);
    // like Go's regexp.Split, a separator swallows the newline a following separator needed
    expect(splitManifests('a: 1\n---\n\n---\nb: 2')).toEqual(['a: 1', '---\nb: 2']);
    const helmOut = readFileSync(join(fixtures, 'helm/emqx-v4.0.2.template.yaml'), 'utf8');
    const back = manifestsOf(helmOut);
    expect(back.map((m) => m.source)).toContain('emqx/templates/StatefulSet.yaml');
    expect(back.find((m) => m.head.kind === 'StatefulSet')?.head.name).toBe('emqx');
  });
});
