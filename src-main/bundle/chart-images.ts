/**
 * The container images a chart references, for air-gapped sites that must mirror them first.
 * Read from the package without rendering: every values.yaml (the chart's and its subcharts')
 * is walked for the common shapes — `image: repo:tag`, and `image: {registry, repository, tag,
 * digest}` (tag defaulting to the chart's appVersion, as most charts template it) — and
 * templates are scanned for literal `image:` lines.
 */
import { parse, parseAllDocuments } from 'yaml';
import { decodeText, readChartArchive } from '../chart/archive';
import { readArtifactHub } from '../chart/artifacthub';
import { readMetadataFromArchive } from '../chart/inspect';

const IMAGE_REF =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

function imageFromMap(m: Record<string, unknown>, appVersion: string | undefined): string | undefined {
  const repository = m.repository ?? m.name;
  if (typeof repository !== 'string' || !repository) return undefined;
  const registry = typeof m.registry === 'string' && m.registry ? `${m.registry.replace(/\/+$/, '')}/` : '';
  const tagValue = m.tag === undefined || m.tag === null || m.tag === '' ? appVersion : String(m.tag);
  const digest = typeof m.digest === 'string' && m.digest ? `@${m.digest}` : '';
  const ref = `${registry}${repository}${tagValue && !digest ? `:${tagValue}` : ''}${digest}`;
  return IMAGE_REF.test(ref) ? ref : undefined;
}

function walk(node: unknown, key: string, appVersion: string | undefined, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, key, appVersion, out);
    return;
  }
  if (typeof node === 'object' && node !== null) {
    const map = node as Record<string, unknown>;
    if (/image$/i.test(key)) {
      const ref = imageFromMap(map, appVersion);
      if (ref) out.add(ref);
    }
    for (const [k, v] of Object.entries(map)) walk(v, k, appVersion, out);
    return;
  }
  if (typeof node === 'string' && /image$/i.test(key) && node.includes('/') && IMAGE_REF.test(node)) out.add(node);
}

/** The images Chart.yaml declares in `artifacthub.io/images` (what Artifact Hub lists and scans). */
export function declaredImages(packageBytes: Uint8Array): string[] {
  try {
    return readArtifactHub(readMetadataFromArchive(readChartArchive(packageBytes)).annotations).images.map((i) => i.image);
  } catch {
    return [];
  }
}

export function chartImages(packageBytes: Uint8Array): string[] {
  const archive = readChartArchive(packageBytes);
  const topAppVersion = readMetadataFromArchive(archive).appVersion;
  // a subchart's images default to the subchart's own appVersion
  const appVersionAt = (dir: string): string | undefined => {
    if (!dir) return topAppVersion;
    const chartYaml = archive.files.find((f) => f.path === `${dir}Chart.yaml`);
    try {
      const v = chartYaml ? (parse(decodeText(chartYaml)) as { appVersion?: unknown }).appVersion : undefined;
      return v === undefined || v === null ? undefined : String(v);
    } catch {
      return undefined;
    }
  };
  const out = new Set<string>();
  for (const f of archive.files) {
    if (/(^|\/)values\.yaml$/.test(f.path)) {
      const appVersion = appVersionAt(f.path.slice(0, -'values.yaml'.length));
      try {
        for (const doc of parseAllDocuments(decodeText(f))) if (!('errors' in doc) || doc.errors.length === 0) walk(doc.toJS(), '', appVersion, out);
      } catch {
        // a values file Berth cannot read names no images
      }
    } else if (/(^|\/)templates\/.+\.(ya?ml|tpl)$/.test(f.path)) {
      for (const m of decodeText(f).matchAll(/^\s*-?\s*image:\s*["']?([^"'{}\s]+)["']?\s*$/gm)) if (IMAGE_REF.test(m[1]) && m[1].includes(':')) out.add(m[1]);
    }
  }
  for (const image of declaredImages(packageBytes)) out.add(image);
  return [...out].sort();
}
