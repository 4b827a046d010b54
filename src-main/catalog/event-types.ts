/**
 * The catalog's events: every change anyone makes is one of these, signed by its author.
 * Events are immutable; the catalog's state is what replaying them in order produces.
 */
import type { ImageLock } from '../../shared/types/image-digests';
import type { ChartMaintainer } from '../../shared/types/chart';
import type { BlobRef, PlatformRole, WorkspaceRole } from '../../shared/types/catalog';

export const EVENT_FORMAT = 1;

/** What the catalog keeps of a package's Chart.yaml (read by the author's Berth when adding it). */
export interface ChartFacts {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  home?: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
}

export interface InfoPatch {
  description?: string;
  introduction?: string;
  home?: string;
  category?: string;
}

export interface EventData {
  'catalog.genesis': { name: string; nonce: string; displayName?: string };
  /** An admin's catalog-wide rule: `infoReview` — published app information waits for a reviewer. */
  'catalog.setPolicy': { infoReview: boolean };
  'member.join': { displayName: string };
  'member.grant': { member: string; role: PlatformRole };
  /** `seal`: the member's history as the admin saw it — their latest event (see seals.ts). */
  'member.revoke': { member: string; role: PlatformRole; seal?: { last: string | null } };
  'workspace.create': { workspace: string; name: string; description: string };
  'workspace.addMember': { workspace: string; member: string; role: WorkspaceRole };
  'workspace.removeMember': { workspace: string; member: string };
  'app.create': {
    app: string;
    workspace: string;
    category: string;
    version: string;
    versionName: string;
    changelog: string;
    chart: ChartFacts;
    package: BlobRef;
  };
  'app.updateInfo': { app: string; patch: InfoPatch };
  'app.setIcon': { app: string; icon: BlobRef | null };
  'app.addScreenshot': { app: string; image: BlobRef };
  'app.removeScreenshot': { app: string; sha256: string };
  'app.delete': { app: string };
  'app.suspend': { app: string; message?: string };
  'app.recover': { app: string; message?: string };
  /** Copies the app's current information to the store copy (otherwise taken at the next release or recover). */
  'app.publishInfo': { app: string };
  /** A reviewer publishes (approve) or turns down the app information an ISV asked to publish. */
  'app.reviewInfo': { app: string; approve: boolean; reason?: string };
  'version.add': { app: string; version: string; versionName: string; changelog: string; chart: ChartFacts; package: BlobRef };
  'version.edit': { version: string; versionName?: string; changelog?: string; chart?: ChartFacts; package?: BlobRef };
  'version.submit': { version: string; versionName?: string; changelog?: string; message?: string; testDeploy?: SubmittedTestDeploy };
  'version.cancel': { version: string; message?: string };
  /** `images`: the rendered default manifests' images with the digests their tags pointed to at approval. */
  'version.approve': { version: string; message?: string; images?: ImageLock[] };
  'version.reject': { version: string; reason: string };
  'version.release': { version: string; message?: string };
  'version.suspend': { version: string; message?: string };
  'version.recover': { version: string; message?: string };
  'version.delete': { version: string; message?: string };
  'category.create': { category: string; name: string; description: string };
  'category.rename': { category: string; name: string };
  'category.delete': { category: string };
}

export type EventType = keyof EventData;

/**
 * The latest test deploy the catalog held when the version was submitted, written by the
 * submitting Berth from the catalog's own record (never from a checkbox), so History states
 * only what the catalog can back. `none`: no test deploy was recorded.
 */
export interface SubmittedTestDeploy {
  outcome: 'running' | 'failed' | 'pending' | 'none';
  release?: string;
  namespace?: string;
  /** ISO time of the recorded outcome. */
  at?: string;
}

export const EVENT_TYPES: readonly EventType[] = [
  'catalog.genesis',
  'catalog.setPolicy',
  'member.join',
  'member.grant',
  'member.revoke',
  'workspace.create',
  'workspace.addMember',
  'workspace.removeMember',
  'app.create',
  'app.updateInfo',
  'app.setIcon',
  'app.addScreenshot',
  'app.removeScreenshot',
  'app.delete',
  'app.suspend',
  'app.recover',
  'app.publishInfo',
  'app.reviewInfo',
  'version.add',
  'version.edit',
  'version.submit',
  'version.cancel',
  'version.approve',
  'version.reject',
  'version.release',
  'version.suspend',
  'version.recover',
  'version.delete',
  'category.create',
  'category.rename',
  'category.delete',
];

export function isKnownType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * The signed part of an event. `prev` names, for each thing the event changes, the last
 * event on it that the author had seen: if someone else changed that thing meanwhile,
 * the event lost a concurrent conflict and is superseded.
 */
export interface EventBody<T extends string = string> {
  v: number;
  /** The catalog's id (its genesis event id); empty in the genesis event itself. */
  catalog: string;
  type: T;
  /** Author's Ed25519 public key, 64 hex characters. */
  author: string;
  hlc: string;
  prev: Record<string, string | null>;
  /**
   * The author's own previous event (null for their first): each author's events form a
   * chain, so a missing one is noticed and named, and a revocation can seal a history.
   * Absent in events written before chains existed.
   */
  after?: string | null;
  data: T extends EventType ? EventData[T] : unknown;
}

export interface SignedEvent<T extends string = string> {
  /** sha256 (hex) of the canonical JSON of `body`. */
  id: string;
  body: EventBody<T>;
  /** Ed25519 signature (base64) over the canonical JSON of `body`. */
  sig: string;
}

/** The order every machine replays in: hybrid logical clock, then author key, then event id. */
export function orderKey(e: { id: string; body: { hlc: string; author: string } }): string {
  return `${e.body.hlc}|${e.body.author}|${e.id}`;
}
