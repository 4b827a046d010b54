/** A chart made for Artifact Hub: its Chart.yaml carries the artifacthub.io annotations (tests of Berth reading and publishing them). */
import { stringify } from 'yaml';
import { writeTgz } from '../../src-main/chart/tar-write';

export const ANNOTATIONS: Record<string, string> = {
  'artifacthub.io/changes': stringify([
    { kind: 'added', description: 'Support for TLS listeners', links: [{ name: 'PR #12', url: 'https://github.com/acme/ledger/pull/12' }] },
    { kind: 'security', description: 'Bump base image for CVE-2026-0001' },
    'Plain string change',
  ]),
  'artifacthub.io/images': stringify([{ name: 'ledger', image: 'docker.io/acme/ledger:2.1.0' }, { name: 'bad', image: 'rm -rf /' }]),
  'artifacthub.io/links': stringify([
    { name: 'Docs', url: 'https://docs.acme.example/ledger' },
    { name: 'Evil', url: 'javascript:alert(1)' },
  ]),
  'artifacthub.io/license': 'Apache-2.0',
  'artifacthub.io/prerelease': 'false',
  'artifacthub.io/containsSecurityUpdates': 'true',
  'artifacthub.io/screenshots': stringify([{ title: 'Dashboard', url: 'https://acme.example/shot.png' }]),
  'artifacthub.io/crds': stringify([{ kind: 'Ledger', version: 'v1', name: 'ledgers.acme.example', displayName: 'Ledger', description: 'A ledger' }]),
  'artifacthub.io/crdsExamples': stringify([{ apiVersion: 'acme.example/v1', kind: 'Ledger', metadata: { name: 'main' }, spec: { replicas: 1 } }]),
};

/** A small chart carrying every Artifact Hub annotation Berth reads (one image and one link hostile). */
export function ledgerChart(version: string): Uint8Array {
  const chartYaml = stringify({ apiVersion: 'v2', name: 'ledger', version, appVersion: '2.1.0', description: 'A ledger', annotations: ANNOTATIONS });
  const files = [
    { name: 'ledger/Chart.yaml', data: new TextEncoder().encode(chartYaml) },
    { name: 'ledger/values.yaml', data: new TextEncoder().encode('image: docker.io/acme/ledger:2.1.0\n') },
    { name: 'ledger/templates/cm.yaml', data: new TextEncoder().encode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n') },
  ];
  return writeTgz(files);
}

