/**
 * helm's global flags (pkg/cli/environment.go AddFlags), taken by every `berth` command so a
 * helm user's scripts run unchanged. Those that configure something Berth does not have are
 * accepted and reported on stderr the way cobra reports a deprecated flag — never refused.
 */
import type { FlagSpecs } from './args';
import type { CliContext } from './command';

export const HELM_GLOBAL_FLAGS: FlagSpecs = {
  namespace: { kind: 'string', short: 'n', description: 'namespace scope for this request' },
  kubeconfig: { kind: 'string', description: 'path to the kubeconfig file' },
  'kube-context': { kind: 'string', description: 'name of the kubeconfig context to use' },
  'kube-token': { kind: 'string', description: 'bearer token used for authentication' },
  'kube-as-user': { kind: 'string', description: 'username to impersonate for the operation' },
  'kube-as-group': { kind: 'strings', description: 'group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
  'kube-apiserver': { kind: 'string', description: 'the address and the port for the Kubernetes API server' },
  'kube-ca-file': { kind: 'string', description: 'the certificate authority file for the Kubernetes API server connection' },
  'kube-tls-server-name': { kind: 'string', description: 'server name to use for Kubernetes API server certificate validation' },
  'kube-insecure-skip-tls-verify': { kind: 'bool', description: "if true, the Kubernetes API server's certificate will not be checked for validity" },
  debug: { kind: 'bool', description: 'enable verbose output' },
  'registry-config': { kind: 'string', description: 'path to the registry config file' },
  'repository-config': { kind: 'string', description: 'path to the file containing repository names and URLs' },
  'repository-cache': { kind: 'string', description: 'path to the directory containing cached repository indexes' },
  'content-cache': { kind: 'string', description: 'path to the directory containing cached content (e.g. charts)' },
  'burst-limit': { kind: 'int', description: 'client-side default throttling limit (default 100)' },
  qps: { kind: 'float', description: 'queries per second used when communicating with the Kubernetes API, not including bursting' },
  color: { kind: 'string', description: 'use colored output (never, auto, always) (default "auto")' },
  colour: { kind: 'string', description: 'use colored output (never, auto, always) (default "auto")' },
};

/** cobra's wording for a flag that changes nothing ("Flag --x has been deprecated, …"), with Berth's reason. */
export function noOpNotice(flag: string, why: string): string {
  return `Flag --${flag} has no effect in Berth, ${why}\n`;
}

// The global flags Berth takes without acting on them, and why.
const GLOBAL_NO_OPS: Record<string, string> = {
  'kube-token': 'which authenticates as the kubeconfig context says; choose a context with --kube-context',
  'kube-as-user': 'which does not impersonate; choose a context with --kube-context',
  'kube-as-group': 'which does not impersonate; choose a context with --kube-context',
  'kube-apiserver': 'which talks to the server of the kubeconfig context; choose a context with --kube-context',
  'kube-ca-file': 'which trusts the certificate authority of the kubeconfig context',
  'kube-tls-server-name': 'which checks the server name of the kubeconfig context',
  'kube-insecure-skip-tls-verify': 'which always checks the server certificate (set insecure-skip-tls-verify in the kubeconfig to skip it)',
  'burst-limit': 'which sends its requests one at a time and needs no client-side throttling',
  qps: 'which sends its requests one at a time and needs no client-side throttling',
};

/** Reports the global flags given that Berth does not act on (--color never/auto: Berth prints no color anyway). */
export function reportGlobalNoOps(ctx: CliContext): void {
  for (const [flag, why] of Object.entries(GLOBAL_NO_OPS)) {
    if (ctx.args.bools[flag] || ctx.args.strings[flag] !== undefined || ctx.args.lists[flag]?.length) ctx.stderr(noOpNotice(flag, why));
  }
  for (const flag of ['color', 'colour']) {
    const v = ctx.args.strings[flag];
    if (v === undefined) continue;
    // helm's ShouldDisableColor accepts exactly these
    if (!['never', 'auto', 'always'].includes(v)) ctx.stderr(`level=WARN msg="invalid color mode, using auto" mode=${v}\n`);
    else if (v === 'always') ctx.stderr(noOpNotice(flag, 'which prints plain text'));
  }
  if (ctx.args.bools.debug) ctx.stderr(noOpNotice('debug', 'whose log is in the data dir (logs/berth.log)'));
}
