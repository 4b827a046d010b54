/**
 * helm v4's `helm.sh/hook-output-log-policy` (HIP-0019; pkg/action/hooks.go outputLogsByPolicy):
 * a Pod or Job hook carrying `hook-succeeded` and/or `hook-failed` has its pods' logs copied,
 * container by container, to helm's hookOutputWriter — `log.Writer()`, which helm's slog set-up
 * (pkg/cmd/root.go SetupLogging) turns into one `level=INFO msg="…"` record on stderr per chunk
 * written. A log that cannot be read is reported the same way ("error outputting logs for hook
 * failure: …") and never fails the hook. The CLI gives the session its stderr; the app keeps
 * none, as helm's library discards hook output by default.
 */
import { parse } from 'yaml';
import type { ClusterSession } from './cluster';
import type { HelmHook } from './manifests';

export type HookOutputPolicy = 'hook-succeeded' | 'hook-failed';

/** io.Copy's buffer: what one Write to the log writer carries at most. */
const COPY_CHUNK = 32 * 1024;

/** Go's unicode.IsPrint (strconv.IsPrint): letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote, as log/slog's TextHandler writes a value that needs quoting. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** log/slog text_handler.go needsQuoting. */
function needsQuoting(s: string): boolean {
  if (s === '') return true;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      // encoding/json's safeSet: printable ASCII but '"' and '\\'; slog lets a backslash through
      if (ch !== '\\' && (ch === ' ' || ch === '=' || ch === '"' || c < 0x20 || c === 0x7f)) return true;
    } else if (!PRINTABLE.test(ch) || ch === '\ufffd') return true;
  }
  return false;
}

/** What one Write to helm's log writer prints: an INFO record, its final newline removed, without time. */
export function slogInfo(text: string): string {
  const msg = text.endsWith('\n') ? text.slice(0, -1) : text;
  return `level=INFO msg=${needsQuoting(msg) ? goQuote(msg) : msg}\n`;
}

/** helm's deriveNamespace: the hook manifest's metadata.namespace, else the release's. */
export function hookNamespace(hook: HelmHook, releaseNamespace: string): string {
  try {
    const doc = parse(hook.manifest) as { metadata?: { namespace?: unknown } } | null;
    const ns = doc?.metadata?.namespace;
    return typeof ns === 'string' && ns ? ns : releaseNamespace;
  } catch {
    return releaseNamespace;
  }
}

/** fmt's %+v of the metav1.ListOptions helm lists with (its GetPodList error names them so). */
function listOptionsText(o: { labelSelector?: string; fieldSelector?: string }): string {
  return (
    `{TypeMeta:{Kind: APIVersion:} LabelSelector:${o.labelSelector ?? ''} FieldSelector:${o.fieldSelector ?? ''} Watch:false ` +
    'AllowWatchBookmarks:false ResourceVersion: ResourceVersionMatch: TimeoutSeconds:<nil> Limit:0 Continue: SendInitialEvents:<nil>}'
  );
}

interface PodList {
  items?: { metadata: { name: string }; spec?: { containers?: { name: string }[] } }[];
}

/** kube.Client.OutputContainerLogsForPodList over GetPodList: every listed pod's containers, in order. */
async function outputContainerLogs(
  session: ClusterSession,
  namespace: string,
  selector: { labelSelector?: string; fieldSelector?: string },
  write: (text: string) => void,
): Promise<void> {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  let list: PodList;
  try {
    list = await session.client.request<PodList>({ method: 'GET', path: base, query: selector });
  } catch (e) {
    throw new Error(`failed to get pod list with options: ${listOptionsText(selector)} with error: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const pod of list.items ?? []) {
    for (const container of pod.spec?.containers ?? []) {
      let body: unknown;
      try {
        body = await session.client.request<unknown>({
          method: 'GET',
          path: `${base}/${encodeURIComponent(pod.metadata.name)}/log`,
          query: { container: container.name },
          accept: 'application/json, */*',
        });
      } catch {
        throw new Error(`failed to stream pod logs for pod: ${pod.metadata.name}, container: ${container.name}`);
      }
      // the client parses an answer that happens to be JSON; a log is text
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      for (let i = 0; i < text.length; i += COPY_CHUNK) write(slogInfo(text.slice(i, i + COPY_CHUNK)));
    }
  }
}

/**
 * helm's outputLogsByPolicy: when the hook carries `policy`, its pods' logs (a Job's pods by
 * job-name, a Pod by name) go to the session's hook output; a failure to read them is logged
 * there too ("error outputting logs for hook failure: …", helm's words on either outcome).
 */
export async function outputLogsByPolicy(session: ClusterSession, hook: HelmHook, releaseNamespace: string, policy: HookOutputPolicy): Promise<void> {
  const write = session.hookOutput;
  if (!write || !hook.output_log_policies?.includes(policy)) return;
  const namespace = hookNamespace(hook, releaseNamespace);
  try {
    if (hook.kind === 'Job') await outputContainerLogs(session, namespace, { labelSelector: `job-name=${hook.name}` }, write);
    else if (hook.kind === 'Pod') await outputContainerLogs(session, namespace, { fieldSelector: `metadata.name=${hook.name}` }, write);
  } catch (e) {
    write(slogInfo(`error outputting logs for hook failure: ${e instanceof Error ? e.message : String(e)}`));
  }
}
