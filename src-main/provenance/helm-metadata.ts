/**
 * A chart's Chart.yaml as Helm serializes it in index.yaml entries and in `.prov` message
 * blocks: helm.sh/helm/v4 pkg/chart/v2 `Metadata` marshalled through sigs.k8s.io/yaml, i.e.
 * JSON field names with `omitempty`, then YAML with map keys sorted and lists not indented.
 */
import { goYaml, type YamlValue } from './go-yaml';
import type { ChartMetadata } from '../chart/metadata';

export type HelmJson = string | number | boolean | null | HelmJson[] | { [key: string]: HelmJson };

/** Helm's sanitizeString: whitespace becomes a space, unprintable characters are dropped. */
export function helmSanitize(s: string): string {
  return s.replace(/\s/g, ' ').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '');
}

function put(out: Record<string, HelmJson>, key: string, value: string | undefined): void {
  if (value) out[key] = helmSanitize(value);
}

/**
 * The JSON object Go's encoding/json writes for Helm's Metadata struct: empty fields omitted,
 * keys in the struct's field order, map keys sorted (`helm push` stores exactly this as the
 * OCI config blob).
 */
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
  const annotationKeys = Object.keys(md.annotations).sort();
  if (annotationKeys.length) out.annotations = Object.fromEntries(annotationKeys.map((k) => [k, md.annotations[k]]));
  put(out, 'kubeVersion', md.kubeVersion);
  if (md.dependencies.length) {
    out.dependencies = md.dependencies.map((d) => {
      // Helm's Dependency has no omitempty on name and repository.
      const r: Record<string, HelmJson> = { name: d.name };
      if (d.version) r.version = d.version;
      r.repository = helmSanitize(d.repository ?? '');
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
  return goYaml(value as YamlValue);
}

/** JSON as Go's encoding/json writes it: compact, with <, >, & and U+2028/2029 escaped. */
export function goJson(value: HelmJson | object): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
