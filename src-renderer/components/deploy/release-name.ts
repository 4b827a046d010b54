/** Helm's release name rule (a DNS-1123 label, at most 53 characters so generated names still fit). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isReleaseName(name: string): boolean {
  return name.length <= 53 && RELEASE_NAME.test(name);
}

/** A valid default release name from a chart name (lowercased, other characters turned into "-"). */
export function releaseNameFor(chartName: string): string {
  const name = chartName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 53).replace(/-+$/, '');
  return name || 'release';
}
