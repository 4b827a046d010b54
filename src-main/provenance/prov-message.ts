/**
 * The text inside a Helm `.prov` file (helm.sh/helm/v4 pkg/provenance messageBlock): the chart's
 * Chart.yaml as Helm marshals it, a `...` separator line, then `files:` mapping the package's
 * file name to `sha256:<hex>`.
 */
import { parseAllDocuments } from 'yaml';
import type { ChartMetadata } from '../chart/metadata';
import { sha256Hex } from './digest';
import { helmMetadataJson, helmYaml } from './helm-metadata';

export const MESSAGE_SEPARATOR = '\n...\n';

export function provenanceMessage(packageBytes: Uint8Array, fileName: string, metadata: ChartMetadata): string {
  const files = helmYaml({ files: { [fileName]: `sha256:${sha256Hex(packageBytes)}` } });
  return `${helmYaml(helmMetadataJson(metadata))}${MESSAGE_SEPARATOR}${files}`;
}

export interface ProvenanceMessage {
  metadata: Record<string, unknown>;
  files: Record<string, string>;
}

/** Helm's ParseMessageBlock: split on the first `\n...\n`, each side YAML. Undefined when not in that shape. */
export function parseProvenanceMessage(text: string): ProvenanceMessage | undefined {
  const normalized = text.replace(/\r\n/g, '\n');
  const at = normalized.indexOf(MESSAGE_SEPARATOR);
  if (at < 0) return undefined;
  const yamlOf = (part: string): unknown => {
    const docs = parseAllDocuments(part);
    if (!Array.isArray(docs) || docs.length === 0 || docs[0].errors.length) return undefined;
    return docs[0].toJS();
  };
  const metadata = yamlOf(normalized.slice(0, at));
  const sums = yamlOf(normalized.slice(at + MESSAGE_SEPARATOR.length));
  if (typeof sums !== 'object' || sums === null) return undefined;
  const files = (sums as { files?: unknown }).files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) if (typeof v === 'string') out[k] = v;
  return { metadata: typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {}, files: out };
}
