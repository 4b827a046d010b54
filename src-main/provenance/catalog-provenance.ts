/**
 * Provenance that travels with the catalog. Attaching a `.prov` to a version signs one catalog
 * event, `provenance.attach`, carrying the file's text (a few KB) and the package digest it is
 * for, so every machine that syncs can show reviewers and store users the same check.
 *
 * Like the review tools' events, these go through the catalog's ingest as events of a type its
 * replay does not know: it keeps them, orders them and passes them on at sync. Trust is not the
 * event author's to grant: each reader checks the OpenPGP signature against their own trusted
 * keys, so the author only has to be someone who could have uploaded the package (an ISV of its
 * workspace, a reviewer or an admin).
 */
import type { CatalogCore } from '../catalog/catalog-core';
import { EVENT_FORMAT, type EventBody, type SignedEvent } from '../catalog/event-types';
import { nextHlc } from '../catalog/hlc';
import { signBody } from '../catalog/signing';
import { isReviewer, workspaceRole, type CatalogState } from '../catalog/state';
import type { ProvenanceCheck, ProvenanceStatus } from '../../shared/types/distribution';

export const PROVENANCE_EVENT = 'provenance.attach';

/** A `.prov` larger than this is not a Helm provenance file (they hold Chart.yaml and one digest). */
export const MAX_PROV_BYTES = 256 * 1024;

export interface ProvenanceEventData {
  /** sha256 of the package the `.prov` signs: the same package may serve several versions. */
  packageSha256: string;
  prov: string;
}

function validData(d: unknown): d is ProvenanceEventData {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  return typeof x.packageSha256 === 'string' && /^[0-9a-f]{64}$/.test(x.packageSha256) && typeof x.prov === 'string' && x.prov.length <= MAX_PROV_BYTES;
}

/** Whether the author could have uploaded a package with this digest. */
function mayAttach(state: CatalogState, author: string, packageSha256: string): boolean {
  if (isReviewer(state, author)) return true;
  for (const v of state.versions.values()) {
    if (v.package.sha256 !== packageSha256) continue;
    const app = state.apps.get(v.appId);
    if (app && workspaceRole(state, author, app.workspace) === 'isv') return true;
  }
  return false;
}

/** Best first: a reader sees the strongest claim anyone attached, so a bad attachment cannot hide a good one. */
const RANK: Record<ProvenanceStatus, number> = { verified: 0, 'unknown-signer': 1, 'digest-mismatch': 2, 'bad-signature': 3, malformed: 4, unsigned: 5 };

export function bestCheck(checks: ProvenanceCheck[]): ProvenanceCheck | undefined {
  return [...checks].sort((a, b) => RANK[a.status] - RANK[b.status])[0];
}

export class CatalogProvenance {
  private cache?: { size: number; byPackage: Map<string, string[]> };

  constructor(private readonly core: CatalogCore) {}

  /** The `.prov` texts attached in the catalog for a package, oldest first, without repeats. */
  async forPackage(packageSha256: string): Promise<string[]> {
    if (!this.core.catalogId()) return [];
    const ledger = await this.core.ledger();
    const size = ledger.log.size();
    if (!this.cache || this.cache.size !== size) {
      const byPackage = new Map<string, string[]>();
      for (const e of ledger.allEvents()) {
        if (e.body.type !== PROVENANCE_EVENT || e.body.catalog !== ledger.catalogId || !ledger.hasEvent(e.id)) continue;
        const d = e.body.data;
        if (!validData(d) || !mayAttach(ledger.state, e.body.author, d.packageSha256)) continue;
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
    const ledger = await this.core.ledger();
    if ((await this.forPackage(data.packageSha256)).includes(data.prov)) return true;
    const body: EventBody<typeof PROVENANCE_EVENT> = {
      v: EVENT_FORMAT,
      catalog: ledger.catalogId,
      type: PROVENANCE_EVENT,
      author: this.core.identity.keyId,
      hlc: nextHlc(ledger.clock()),
      prev: {},
      data,
    };
    const event: SignedEvent = signBody(body, this.core.identity.signingKey());
    await this.core.ingest([event], { outbox: true });
    return true;
  }
}
