/**
 * Provenance that travels with the catalog. Attaching a `.prov` to a version signs one catalog
 * event, `provenance.attach`, carrying the file's text (a few KB) and the package digest it is
 * for, so every machine that syncs can show reviewers and store users the same check.
 *
 * The type is registered with the catalog's extension point (catalog/extensions.ts): replay
 * checks its shape and that the author could have uploaded the package (an ISV of its
 * workspace, a reviewer or an admin), and the audit says who attached provenance to which
 * version. Trust is not the author's to grant: each reader checks the OpenPGP signature
 * against their own trusted keys.
 */
import type { ActingRole } from '../../shared/types/catalog';
import type { AuditFields } from '../catalog/apply-context';
import type { CatalogCore } from '../catalog/catalog-core';
import { refuseExtension, registerEventTypes, type ExtensionEvent, type ExtensionEventType } from '../catalog/extensions';
import { displayNameOf, hasRole, isReviewer, workspaceRole, type CatalogState } from '../catalog/state';
import type { ProvenanceCheck, ProvenanceStatus } from '../../shared/types/distribution';

export const PROVENANCE_EVENT = 'provenance.attach';

/** A `.prov` larger than this is not a Helm provenance file (they hold Chart.yaml and one digest). */
export const MAX_PROV_BYTES = 256 * 1024;

export interface ProvenanceEventData {
  /** sha256 of the package the `.prov` signs: the same package may serve several versions. */
  packageSha256: string;
  /** The version it was attached to, for the audit (any version with this package shows it). */
  version?: string;
  prov: string;
}

function validData(d: unknown): d is ProvenanceEventData {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  return (
    typeof x.packageSha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(x.packageSha256) &&
    (x.version === undefined || typeof x.version === 'string') &&
    typeof x.prov === 'string' &&
    x.prov.length <= MAX_PROV_BYTES
  );
}

/** The role in which the author could have uploaded a package with this digest, if any. */
function attachingRole(state: Readonly<CatalogState>, author: string, packageSha256: string): ActingRole | undefined {
  const st = state as CatalogState;
  for (const v of st.versions.values()) {
    if (v.package.sha256 !== packageSha256) continue;
    const app = st.apps.get(v.appId);
    if (app && workspaceRole(st, author, app.workspace) === 'isv') return 'isv';
  }
  if (hasRole(st, author, 'admin')) return 'admin';
  return isReviewer(st, author) ? 'reviewer' : undefined;
}

function describeAttach(e: ExtensionEvent): AuditFields {
  const d = e.data as ProvenanceEventData;
  const st = e.state as CatalogState;
  const versions = [...st.versions.values()].filter((v) => v.package.sha256 === d.packageSha256 && v.state !== 'deleted');
  const v = versions.find((x) => x.id === d.version) ?? versions[0];
  if (!v) refuseExtension('not-found', 'It is about a package no version of this catalog holds.');
  const role =
    attachingRole(e.state, e.author, d.packageSha256) ??
    refuseExtension('catalog.forbidden', 'Only an ISV of the app’s workspace, a reviewer or an admin attaches provenance.');
  const app = st.apps.get(v.appId);
  const who = displayNameOf(st, e.author);
  const detail = { key: 'provenanceAttached', params: { who, version: v.name } };
  return {
    role,
    appId: v.appId,
    appName: app?.chartName,
    versionId: v.id,
    versionName: v.name,
    message: `${who} attached a provenance file (.prov) to ${v.name}`,
    detail,
  };
}

const PROVENANCE_TYPES: readonly ExtensionEventType[] = [{ type: PROVENANCE_EVENT, hasShape: validData, describe: describeAttach }];

/** Tells the catalog about `provenance.attach`; run before a catalog is opened (services.ts does). */
export function registerProvenanceEvents(): void {
  registerEventTypes(PROVENANCE_TYPES);
}

/** Best first: a reader sees the strongest claim anyone attached, so a bad attachment cannot hide a good one. */
const RANK: Record<ProvenanceStatus, number> = { verified: 0, 'unknown-signer': 1, 'digest-mismatch': 2, 'bad-signature': 3, malformed: 4, unsigned: 5 };

export function bestCheck(checks: ProvenanceCheck[]): ProvenanceCheck | undefined {
  return [...checks].sort((a, b) => RANK[a.status] - RANK[b.status])[0];
}

const TYPES: ReadonlySet<string> = new Set([PROVENANCE_EVENT]);

export class CatalogProvenance {
  private cache?: { size: number; byPackage: Map<string, string[]> };

  constructor(private readonly core: CatalogCore) {
    // services.ts registers it before any catalog opens; this covers a catalog built on its own
    registerProvenanceEvents();
  }

  /** The `.prov` texts attached in the catalog for a package, oldest first, without repeats. */
  async forPackage(packageSha256: string): Promise<string[]> {
    if (!this.core.catalogId()) return [];
    const ledger = await this.core.ledger();
    const size = ledger.log.size();
    if (!this.cache || this.cache.size !== size) {
      const byPackage = new Map<string, string[]>();
      for (const e of ledger.eventsOfType(TYPES)) {
        const d = e.body.data;
        // a refused event keeps its sound signature in the log: skip it here as replay did
        if (!validData(d) || attachingRole(ledger.state, e.body.author, d.packageSha256) === undefined) continue;
        const list = byPackage.get(d.packageSha256) ?? [];
        if (!list.includes(d.prov)) list.push(d.prov);
        byPackage.set(d.packageSha256, list);
      }
      this.cache = { size, byPackage };
    }
    return this.cache.byPackage.get(packageSha256) ?? [];
  }

  /** Records the `.prov` in the catalog (once per text); it syncs like any change. Returns false when there is no catalog. */
  async attach(data: ProvenanceEventData): Promise<boolean> {
    if (!this.core.catalogId()) return false;
    if ((await this.forPackage(data.packageSha256)).includes(data.prov)) return true;
    await this.core.actExtension(PROVENANCE_EVENT, data);
    return true;
  }
}
