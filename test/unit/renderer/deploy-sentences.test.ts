/**
 * Issue 16 (Chinese): what a deploy says when it fails — the release's health, a CRD Kubernetes
 * refuses, a removed API the quick fix cannot migrate — reaches the reader in their language.
 * Kubernetes' own words stay as Kubernetes wrote them, introduced as such.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Sentence } from '../../../shared/result';
import type { PodStatus, WorkloadStatus } from '../../../shared/types/deploy';
import { judgeHealth, workloadStatus } from '../../../src-main/deploy/health';
import { resources } from '../../../src-renderer/i18n/resources';
import { renderToStaticMarkup } from 'react-dom/server';
import { sayInLanguage, sayMarked } from '../../../src-renderer/components/sentence';

async function i18n(lng: 'en' | 'zh-CN') {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return instance;
}

/** Names a Chinese sentence may keep: kinds, products, API groups. */
const NAMES = /\b(Kubernetes|Job|Pod|CustomResourceDefinition|StatefulSet|Deployment|API|spec|selector|apiextensions|k8s|io|v1)\b/g;

function prose(text: string, say: Sentence): string {
  let out = text;
  for (const v of Object.values(say.values ?? {}).map(String).filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(v).join(' ');
  return out.replace(NAMES, ' ');
}

const workload = (w: Partial<WorkloadStatus>): WorkloadStatus => ({ kind: 'StatefulSet', name: 'emqx', namespace: 'iot', desired: 3, ready: 1, isReady: false, ...w });
const pod = (p: Partial<PodStatus>): PodStatus => ({ name: 'emqx-0', namespace: 'iot', phase: 'Pending', ready: false, restarts: 0, ...p });

describe('deploy sentences in both languages', () => {
  it('says every health reason in English as the main side wrote it, and in Chinese without English prose', async () => {
    const [en, zh] = [await i18n('en'), await i18n('zh-CN')];
    const cases = [
      judgeHealth('failed', [], [], []),
      judgeHealth('uninstalled', [], [], []),
      judgeHealth('deployed', [workload({ kind: 'Job', name: 'init', message: 'failed: BackoffLimitExceeded' })], [], []),
      judgeHealth('deployed', [], [pod({ phase: 'Failed', reason: 'OOMKilled' })], []),
      judgeHealth('deployed', [], [pod({ phase: 'Failed' })], []),
      judgeHealth('deployed', [], [], ['Service/emqx']),
      judgeHealth('deployed', [], [], ['Service/emqx', 'ConfigMap/emqx']),
      judgeHealth('deployed', [workload({})], [pod({ reason: 'Unschedulable: 0/1 nodes are available: 1 Insufficient cpu.' })], []),
    ];
    for (const c of cases) {
      expect(c.reasonSay, c.reason).toBeDefined();
      const english = c.reasonSay!.map((s) => sayInLanguage(en, s)).join(' ');
      // the pending sentence counts ready pods instead of repeating the workload's own words
      if (c.health === 'red') expect(english).toBe(c.reason);
      for (const s of c.reasonSay!) {
        const chinese = sayInLanguage(zh, s);
        expect(chinese, s.key).toBeDefined();
        expect(prose(chinese!, s), `${s.key}: ${chinese}`).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
    expect(sayInLanguage(zh, cases[3].reasonSay![0])).toBe('Pod iot/emqx-0 失败。Kubernetes 的原话：OOMKilled。');
  });

  it('marks Kubernetes’ and Helm’s own words as English inside a Chinese sentence, and nothing else', async () => {
    const zh = await i18n('zh-CN');
    const refused: Sentence = { key: 'crd.refused', values: { name: 'rules.emqx.io', source: 'crds/emqx.yaml', reason: 'spec.versions: Required value' } };
    expect(renderToStaticMarkup(sayMarked(zh, refused))).toBe(
      'Kubernetes 拒绝了 CustomResourceDefinition rules.emqx.io（crds/emqx.yaml）。Kubernetes 的原话：<span lang="en">spec.versions: Required value</span>',
    );
    const owned: Sentence = { key: 'preflight.ownership', values: { resource: 'Service iot/emqx', release: 'emqx', why: 'invalid ownership metadata' } };
    expect(renderToStaticMarkup(sayMarked(zh, owned))).toContain('（Helm 的原话：<span lang="en">invalid ownership metadata</span>）');
    // a sentence without quoted words stays a plain string
    expect(sayMarked(zh, { key: 'crd.notEstablished', values: { name: 'rules.emqx.io', seconds: 60 } })).toBe(sayInLanguage(zh, { key: 'crd.notEstablished', values: { name: 'rules.emqx.io', seconds: 60 } }));
  });

  it('says a timeout, a refused or unestablished CRD and what the API quick fix cannot migrate, in Chinese', async () => {
    const zh = await i18n('zh-CN');
    const says: Sentence[] = [
      { key: 'health.timedOut', values: { seconds: 300, release: 'emqx' } },
      { key: 'crd.oldApi', values: { source: 'crds/emqx.yaml', name: 'rules.emqx.io', api: 'apiextensions.k8s.io/v1beta1' } },
      { key: 'crd.refused', values: { name: 'rules.emqx.io', source: 'crds/emqx.yaml', reason: 'spec.versions: Required value' } },
      { key: 'crd.notEstablished', values: { name: 'rules.emqx.io', seconds: 60 } },
      { key: 'apiFix.noReplacement', values: { kind: 'PodSecurityPolicy' } },
      { key: 'apiFix.needsSelector', values: { kind: 'Deployment', api: 'apps/v1' } },
      { key: 'apiFix.differentSchema', values: { kind: 'Ingress', api: 'networking.k8s.io/v1' } },
    ];
    for (const s of says) {
      const chinese = sayInLanguage(zh, s);
      expect(chinese, s.key).toBeDefined();
      expect(prose(chinese!, s), `${s.key}: ${chinese}`).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe('catalog rule refusals in both languages', () => {
  it('says the refusals a newcomer meets in English as the rule wrote them, and in Chinese', async () => {
    const [en, zh] = [await i18n('en'), await i18n('zh-CN')];
    const cases: [Sentence, string][] = [
      [{ key: 'rule.notIsv', values: { name: 'Rex', workspace: 'demo-workspace' } }, 'Rex is not an isv of workspace demo-workspace.'],
      [{ key: 'rule.notReviewer', values: { name: 'Ivy' } }, 'Ivy is not a reviewer; only reviewers and admins can do this.'],
      [{ key: 'rule.categoryExists', values: { name: 'IoT' } }, 'A category named “IoT” already exists; category names are unique.'],
      [{ key: 'rule.notInStoreYet', values: { app: 'emqx' } }, 'emqx is not in the store; its information goes there with the first release.'],
    ];
    for (const [say, english] of cases) {
      expect(sayInLanguage(en, say)).toBe(english);
      const chinese = sayInLanguage(zh, say);
      expect(prose(chinese!, say), `${say.key}: ${chinese}`).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe('workload readiness in both languages', () => {
  it('says why a workload is not ready as the main side wrote it in English, and in Chinese', async () => {
    const [en, zh] = [await i18n('en'), await i18n('zh-CN')];
    const meta = { name: 'emqx', namespace: 'iot', generation: 2 };
    const objects = [
      { kind: 'StatefulSet', metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, readyReplicas: 1, updatedReplicas: 3 } },
      { kind: 'Deployment', metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, readyReplicas: 1, updatedReplicas: 2 } },
      { kind: 'Deployment', metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 1 } },
      { kind: 'DaemonSet', metadata: meta, spec: {}, status: { observedGeneration: 2, desiredNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2 } },
      { kind: 'Job', metadata: meta, spec: { completions: 2 }, status: { succeeded: 1 } },
      { kind: 'Job', metadata: meta, spec: {}, status: { conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] } },
      { kind: 'Pod', metadata: meta, spec: {}, status: { phase: 'Pending' } },
      { kind: 'PersistentVolumeClaim', metadata: meta, spec: {}, status: { phase: 'Pending' } },
    ];
    for (const o of objects) {
      const w = workloadStatus(o as never);
      expect(w.messageSay, `${o.kind}: ${w.message}`).toBeDefined();
      expect(sayInLanguage(en, w.messageSay)).toBe(w.message);
      const chinese = sayInLanguage(zh, w.messageSay)!;
      expect(prose(chinese, w.messageSay!), `${w.messageSay!.key}: ${chinese}`).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
