/**
 * A context whose account may do nothing: the real API server answers 403, and a deploy call says
 * so as a sentence (Kubernetes' words quoted) in English and 简体中文, not as an internal error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import { resources } from '../../../src-renderer/i18n/resources';
import { sayInLanguage } from '../../../src-renderer/components/sentence';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS, harnessCA, type Harness } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, kubectl, uniqueName } from './cluster-fixtures';

let harness: Harness | undefined;
let work = '';
const namespace = uniqueName('nobody');

beforeAll(async () => {
  harness = (await deployWorld()).harness;
  work = mkdtempSync(join(tmpdir(), 'berth-forbidden-'));
}, CLUSTER_START_TIMEOUT_MS);

afterAll(() => {
  deleteNamespaces(harness, [namespace]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('an account without rights', () => {
  it('listing releases is refused in plain words, in English and in Chinese', async () => {
    const h = harness!;
    kubectl(h, ['create', 'namespace', namespace]);
    kubectl(h, ['-n', namespace, 'create', 'serviceaccount', 'nobody']);
    const token = kubectl(h, ['-n', namespace, 'create', 'token', 'nobody']).trim();
    writeFileSync(join(work, 'ca.crt'), harnessCA());
    const kubeconfig = join(work, 'config');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'nobody',
        clusters: [{ name: 'h', cluster: { server: h.server, 'certificate-authority': join(work, 'ca.crt') } }],
        users: [{ name: 'nobody', user: { token } }],
        contexts: [{ name: 'nobody', context: { cluster: 'h', user: 'nobody', namespace } }],
      }),
    );
    const services = createServices({ dataDir: join(work, 'data'), host: 'cli' });
    try {
      const r = await dispatch(createHandlers(services), 'deploy.list', { target: { kubeconfig } });
      if (r.ok) throw new Error('listing was expected to be refused');
      expect(r.error.code).toBe('deploy.failed');
      expect(r.error.say?.key).toBe('kube.forbidden');
      expect(r.error.message).toMatch(/^The context’s rights do not allow this\. Kubernetes says: .*forbidden/);
      const zh = i18next.createInstance();
      await zh.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
      const chinese = sayInLanguage(zh, r.error.say) ?? '';
      expect(chinese.startsWith('当前上下文的权限不允许此操作。Kubernetes 的原话：')).toBe(true);
      expect(chinese).toContain(String(r.error.say?.values?.reason));
    } finally {
      await services.close();
    }
  }, CLUSTER_TEST_TIMEOUT_MS);
});
