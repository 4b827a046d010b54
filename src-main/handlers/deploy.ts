import type { Services } from '../services';
import { DeployService } from '../deploy/service';
import { appEngine } from '../render/engine';
import { releaseCrds, releaseRenderer } from '../render/release-renderer';
import { need } from './input';
import type { HandlerSlice } from './registry';

type DeployCall =
  | 'deploy.kubeconfig' | 'deploy.cluster' | 'deploy.createNamespace' | 'deploy.preflight' | 'deploy.install'
  | 'deploy.previewUpgrade' | 'deploy.upgrade' | 'deploy.rollback' | 'deploy.uninstall' | 'deploy.list'
  | 'deploy.get' | 'deploy.history' | 'deploy.health' | 'deploy.watch' | 'deploy.unwatch';

// One DeployService per Services, created on the first deploy call so that starting Berth stays fast.
const services = new WeakMap<Services, DeployService>();

function deployOf(s: Services): DeployService {
  let d = services.get(s);
  if (!d) {
    d = new DeployService({
      onStatus: (health) => s.events.emit('deploy.status', health),
      // Helm's engine in a worker thread, so a long render never blocks the app.
      renderer: releaseRenderer(() => appEngine()),
      crds: releaseCrds(() => appEngine()),
      // The catalog decides what may be deployed: `store` only for active versions.
      catalogPackage: async (version, purpose) => {
        const { createHandlers } = await import('./index');
        const pkg = await createHandlers(s)['version.package']({ version, purpose });
        return Buffer.from(pkg.base64, 'base64');
      },
      catalogApp: async (version) => {
        const { createHandlers } = await import('./index');
        return (await createHandlers(s)['version.get']({ version })).appId;
      },
      // The outcome of a draft's test deploy is recorded on the version for the reviewer.
      recordTestDeploy: async (record) => {
        const { createHandlers } = await import('./index');
        return createHandlers(s)['report.recordTestDeploy'](record);
      },
    });
    services.set(s, d);
  }
  return d;
}

export function deployHandlers(s: Services): HandlerSlice<DeployCall> {
  const d = () => deployOf(s);
  return {
    'deploy.kubeconfig': (r) => d().kubeconfig(r),
    'deploy.cluster': (r) => d().cluster(r.target ?? {}),
    'deploy.createNamespace': (r) => d().createNamespace(r.target ?? {}, need(r.namespace, 'namespace')),
    'deploy.preflight': (r) => d().preflight({ ...r, target: r.target ?? {} }),
    'deploy.install': (r) => d().install({ ...r, target: r.target ?? {} }),
    'deploy.previewUpgrade': (r) => d().previewUpgrade({ ...r, target: r.target ?? {} }),
    'deploy.upgrade': (r) => d().upgrade({ ...r, target: r.target ?? {} }),
    'deploy.rollback': (r) => d().rollback({ ...r, target: r.target ?? {} }),
    'deploy.uninstall': (r) => d().uninstall({ ...r, target: r.target ?? {} }),
    'deploy.list': (r) => d().list({ ...r, target: r.target ?? {} }),
    'deploy.get': (r) => d().get({ ...r, target: r.target ?? {} }),
    'deploy.history': (r) => d().history({ ...r, target: r.target ?? {} }),
    'deploy.health': (r) => d().health({ ...r, target: r.target ?? {} }),
    'deploy.watch': (r) => d().watch({ ...r, target: r.target ?? {} }),
    'deploy.unwatch': (r) => d().unwatch(r.namespace, need(r.release, 'release')),
  };
}
