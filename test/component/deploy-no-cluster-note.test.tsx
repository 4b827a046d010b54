/**
 * Issue 16: the deploy dialog's "no cluster" note is said only once it is true. While the
 * kubeconfig is being read and the chosen context is being asked, nothing claims there is no
 * cluster (it used to flash up and vanish when a cluster was there after all).
 */
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeployWizard } from '../../src-renderer/components/deploy/DeployWizard';
import { useClusterTarget } from '../../src-renderer/components/deploy/cluster-target-store';
import { renderWidget } from './render';

const versions = [{ id: 'v1', name: 'v1.0.0-rc.1', state: 'draft' as const }];
const later = <T,>(ms: number, value: T) => new Promise<{ ok: true; value: T }>((r) => setTimeout(() => r({ ok: true, value }), ms));

/** A main side that takes its time: the kubeconfig after 150 ms, the cluster after 300 ms more. */
function slowMainSide(kubeconfig: { files: string[]; contexts: { name: string; namespace?: string; current?: boolean }[] }): void {
  window.berth = {
    call: ((name: string) => {
      if (name === 'deploy.kubeconfig') return later(150, kubeconfig);
      if (name === 'deploy.cluster') return later(300, { context: 'kind', server: 'https://127.0.0.1:6443', version: 'v1.36.3', namespaces: ['default'] });
      if (name === 'deploy.list') return later(0, []);
      return later(0, {});
    }) as never,
    on: () => () => undefined,
  };
}

/** Whether `deploy-offline` was ever in the document while `until` was pending. */
async function everShown(until: () => Promise<unknown>): Promise<boolean> {
  let seen = false;
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="deploy-offline"]')) seen = true;
  });
  observer.observe(document.body, { childList: true, subtree: true });
  try {
    await until();
  } finally {
    observer.disconnect();
  }
  return seen || !!document.querySelector('[data-testid="deploy-offline"]');
}

describe('the deploy dialog’s “no cluster” note', () => {
  afterEach(() => useClusterTarget.setState({ info: undefined, error: undefined, context: undefined, loading: false }));

  it('never shows while the kubeconfig and the cluster are still being asked, when there is a cluster', async () => {
    slowMainSide({ files: ['/home/ivy/.kube/config'], contexts: [{ name: 'kind', current: true }] });
    await renderWidget(<DeployWizard purpose="test" chartName="emqx" versions={versions} onClose={() => undefined} />);
    const next = () => screen.getByRole('button', { name: 'Next' });
    expect(next()).toHaveProperty('disabled', true);
    const shown = await everShown(() => waitFor(() => expect(next()).toHaveProperty('disabled', false), { timeout: 20_000 }));
    expect(shown).toBe(false);
  });

  it('shows once it is known there is no kubeconfig, and Next goes on to the offline values', async () => {
    slowMainSide({ files: [], contexts: [] });
    await renderWidget(<DeployWizard purpose="test" chartName="emqx" versions={versions} onClose={() => undefined} />);
    expect(screen.queryByTestId('deploy-offline')).toBeNull();
    await screen.findByTestId('deploy-offline', {}, { timeout: 20_000 });
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', false);
  });
});
