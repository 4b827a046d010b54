/**
 * OCI references as Helm takes them: `oci://host[:port]/path` names a place for charts, and a
 * chart lands at `<place>/<chart name>:<version>` with `+` in the version written `_`, since
 * tags may not hold `+` (helm.sh/helm/v4 pkg/registry).
 */
import { BerthFailure } from '../../../shared/result';

export interface OciLocation {
  /** host[:port] */
  registry: string;
  /** Repository path below the registry, without leading or trailing `/` (may be empty). */
  namespace: string;
}

export function parseOciLocation(text: string): OciLocation {
  const m = /^oci:\/\/([^/\s]+)(\/[^\s]*)?$/.exec(text.trim());
  if (!m) throw new BerthFailure('input.invalid', `“${text}” is not an OCI location; write it as oci://registry.example.com/charts.`);
  const namespace = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (namespace && !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(namespace)) {
    throw new BerthFailure('input.invalid', `“${namespace}” is not a valid repository path: use lower-case letters, digits, and . _ - / between them.`);
  }
  return { registry: m[1], namespace };
}

export function chartRepository(location: OciLocation, chartName: string): string {
  return location.namespace ? `${location.namespace}/${chartName}` : chartName;
}

export function versionToTag(version: string): string {
  return version.replace(/\+/g, '_');
}

export function tagToVersion(tag: string): string {
  return tag.replace(/_/g, '+');
}

export function formatOciLocation(location: OciLocation): string {
  return `oci://${location.registry}${location.namespace ? `/${location.namespace}` : ''}`;
}
