/**
 * A chart's Chart.yaml as Helm serializes it in index.yaml entries and in `.prov` message
 * blocks: helm.sh/helm/v4 pkg/chart/v2 `Metadata` marshalled through sigs.k8s.io/yaml, i.e.
 * JSON field names with `omitempty`, then YAML with map keys sorted and lists not indented.
 */
import { stringify } from 'yaml';
import type { ChartMetadata } from '../chart/metadata';

export type HelmJson = string | number | boolean | null | HelmJson[] | { [key: string]: HelmJson };

/** Helm's sanitizeString: whitespace becomes a space, unprintable characters are dropped. */
export function helmSanitize(s: string): string {
  return s.replace(/\s/g, ' ').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '');
}

function put(out: Record<string, HelmJson>, key: string, value: string | undefined): void {
  if (value) out[key] = helmSanitize(value);
}

/** The JSON object Go's encoding/json writes for Helm's Metadata struct (empty fields omitted). */
export function helmMetadataJson(md: ChartMetadata): Record<string, HelmJson> {
  const out: Record<string, HelmJson> = {};
  put(out, 'name', md.name);
  put(out, 'home', md.home);
  if (md.sources.length) out.sources = md.sources.map(helmSanitize);
  if (md.version) out.version = md.version;
  put(out, 'description', md.description);
  if (md.keywords.length) out.keywords = md.keywords.map(helmSanitize);
  if (md.maintainers.length) {
    out.maintainers = md.maintainers.map((m) => {
      const r: Record<string, HelmJson> = {};
      put(r, 'name', m.name);
      put(r, 'email', m.email);
      put(r, 'url', m.url);
      return r;
    });
  }
  put(out, 'icon', md.icon);
  out.apiVersion = md.apiVersion || 'v1';
  put(out, 'appVersion', md.appVersion);
  if (md.deprecated) out.deprecated = true;
  if (Object.keys(md.annotations).length) out.annotations = { ...md.annotations };
  put(out, 'kubeVersion', md.kubeVersion);
  if (md.dependencies.length) {
    out.dependencies = md.dependencies.map((d) => {
      // Helm's Dependency has no omitempty on name and repository.
      const r: Record<string, HelmJson> = { name: d.name, repository: helmSanitize(d.repository ?? '') };
      if (d.version) r.version = d.version;
      put(r, 'condition', d.condition);
      if (d.tags.length) r.tags = d.tags;
      if (d.importValues.length) r['import-values'] = d.importValues as HelmJson[];
      if (d.alias) r.alias = d.alias;
      return r;
    });
  }
  if (md.type) out.type = md.type;
  return out;
}

/** YAML text as sigs.k8s.io/yaml (go-yaml v2) writes it: sorted keys, sequences flush with their key. */
export function helmYaml(value: HelmJson | object): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 80, minContentWidth: 0, aliasDuplicateObjects: false });
}
