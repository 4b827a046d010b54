/** Splits `helm template` output into its documents, with the identity of each object. */
import type { RenderedManifest } from '../../shared/types/chart';

const SOURCE = /^# Source: (.*)$/m;

function field(content: string, key: string, indent = ''): string | undefined {
  const m = new RegExp(`^${indent}${key}:[ \\t]*["']?([^"'\\n#]*?)["']?[ \\t]*$`, 'm').exec(content);
  return m && m[1] !== '' ? m[1] : undefined;
}

/** The first `name:`/`namespace:` under `metadata:` (two-space indented, as charts write it). */
function metadataField(content: string, key: string): string | undefined {
  const meta = /^metadata:[ \t]*\n((?:[ \t]+.*\n?|[ \t]*\n)*)/m.exec(content);
  if (!meta) return undefined;
  const indent = /^([ \t]+)/.exec(meta[1])?.[1] ?? '  ';
  return field(meta[1], key, indent);
}

export function splitManifests(output: string): RenderedManifest[] {
  const docs = output.split(/^---[ \t]*$/m);
  const out: RenderedManifest[] = [];
  for (const doc of docs) {
    const source = SOURCE.exec(doc);
    if (!source) continue;
    const content = doc.slice(source.index + source[0].length).replace(/^\n/, '');
    const m: RenderedManifest = { source: source[1], content };
    const apiVersion = field(content, 'apiVersion');
    const kind = field(content, 'kind');
    const name = metadataField(content, 'name');
    const namespace = metadataField(content, 'namespace');
    if (apiVersion) m.apiVersion = apiVersion;
    if (kind) m.kind = kind;
    if (name) m.name = name;
    if (namespace) m.namespace = namespace;
    out.push(m);
  }
  return out;
}
