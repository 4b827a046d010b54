import type { Services } from '../services';
import { need } from './input';
import type { HandlerSlice } from './registry';

type DeployCall =
  | 'deploy.kubeconfig'
  | 'deploy.cluster'
  | 'deploy.createNamespace'
  | 'deploy.preflight'
  | 'deploy.install'
  | 'deploy.previewUpgrade'
  | 'deploy.upgrade'
  | 'deploy.upgradeTest'
  | 'deploy.rollback'
  | 'deploy.uninstall'
  | 'deploy.list'
  | 'deploy.upgradeCheck'
  | 'deploy.repairRecord'
  | 'deploy.get'
  | 'deploy.history'
  | 'deploy.health'
  | 'deploy.watch'
  | 'deploy.unwatch';

/** Each call of the slice with Kubernetes' own refusals (403 and the like) said as sentences. */
function saidByKubernetes(slice: HandlerSlice<DeployCall>, refusalOf: (e: unknown) => unknown): HandlerSlice<DeployCall> {
  const said: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(slice) as [string, (request: unknown) => unknown][]) {
    said[name] = async (request) => {
      try {
        return await handler(request);
      } catch (e) {
        throw refusalOf(e);
      }
    };
  }
  return said as unknown as HandlerSlice<DeployCall>;
}

export function deployHandlers(s: Services): HandlerSlice<DeployCall> {
  const d = () => s.deploy;
  return saidByKubernetes({
    'deploy.kubeconfig': (r) => d().kubeconfig(r),
    'deploy.cluster': (r) => d().cluster(r.target ?? {}),
    'deploy.createNamespace': (r) => d().createNamespace(r.target ?? {}, need(r.namespace, 'namespace')),
    'deploy.preflight': (r) => d().preflight({ ...r, target: r.target ?? {} }),
    'deploy.install': (r) => d().install({ ...r, target: r.target ?? {} }),
    'deploy.previewUpgrade': (r) => d().previewUpgrade({ ...r, target: r.target ?? {} }),
    'deploy.upgrade': (r) => d().upgrade({ ...r, target: r.target ?? {} }),
    'deploy.upgradeTest': (r) => d().upgradeTest({ ...r, target: r.target ?? {}, release: need(r.release, 'release'), version: need(r.version, 'version') }),
    'deploy.rollback': (r) => d().rollback({ ...r, target: r.target ?? {} }),
    'deploy.uninstall': (r) => d().uninstall({ ...r, target: r.target ?? {} }),
    'deploy.list': (r) => d().list({ ...r, target: r.target ?? {} }),
    'deploy.upgradeCheck': (r) => d().upgradeCheck(r.target ?? {}, need(r.kubeVersion, 'kubeVersion'), r.namespace),
    'deploy.repairRecord': (r) =>
      d().repairRecord(r.target ?? {}, need(r.release, 'release'), need(r.namespace, 'namespace'), need(r.kubeVersion, 'kubeVersion')),
    'deploy.get': (r) => d().get({ ...r, target: r.target ?? {} }),
    'deploy.history': (r) => d().history({ ...r, target: r.target ?? {} }),
    'deploy.health': (r) => d().health({ ...r, target: r.target ?? {} }),
    'deploy.watch': (r) => d().watch({ ...r, target: r.target ?? {} }),
    'deploy.unwatch': (r) => d().unwatch(r.namespace, need(r.release, 'release')),
    },
    (e) => d().refusalOf(e),
  );
}
