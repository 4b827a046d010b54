/**
 * The catalog as the UI sees it: people and roles, apps and versions, categories,
 * the review queue, the audit trail and sync. Every value here is materialised from
 * the signed event log; the UI only reflects it.
 */
import type { Sentence } from '../result';
import type { ChartMaintainer } from './chart';
import type { S3StoreLocation } from './distribution';

// ── people and roles ──────────────────────────────────────────────────────────

export type PlatformRole = 'reviewer' | 'admin';
/** `isv` may create and manage the workspace's apps; `member` only sees its drafts. */
export type WorkspaceRole = 'isv' | 'member';
/** The role an action was taken under, as the audit shows it. */
export type ActingRole = PlatformRole | 'isv' | 'member';

/** A person is their Ed25519 public key (64 hex characters) plus a display name. */
export interface Identity {
  keyId: string;
  /** First 12 hex characters of the key, for people to compare by eye. */
  shortId: string;
  displayName: string;
  createdAt: string;
}

export interface WorkspaceMembership {
  workspace: string;
  workspaceName: string;
  role: WorkspaceRole;
}

export interface Member {
  keyId: string;
  shortId: string;
  /** Empty until the person has joined the catalog themselves. */
  displayName: string;
  joined: boolean;
  platformRoles: PlatformRole[];
  workspaces: WorkspaceMembership[];
}

export interface Workspace {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  members: { keyId: string; displayName: string; role: WorkspaceRole }[];
  appCount: number;
}

/** Who is using Berth right now and what they may do; the UI shows workspaces by these roles. */
export interface Session {
  identity: Identity;
  connected: boolean;
  catalog?: CatalogInfo;
  platformRoles: PlatformRole[];
  workspaces: WorkspaceMembership[];
}

// ── catalog, stores and sync ─────────────────────────────────────────────────

/**
 * Where a catalog is shared: any folder (network share, synced folder, USB stick), one portable
 * file, or an S3-compatible bucket (credentials are never part of a location).
 */
export type StoreLocation = { kind: 'folder'; path: string } | { kind: 'file'; path: string } | S3StoreLocation;

export interface CatalogInfo {
  /** The id of the catalog's genesis event. */
  id: string;
  name: string;
  createdAt: string;
  store?: StoreLocation;
  /** Published app information waits for a reviewer (an admin's rule). */
  infoReview?: boolean;
}

/** read-only: the store can be read but not written (changes made here wait in the outbox). */
export type SyncState = 'not-connected' | 'synced' | 'syncing' | 'offline' | 'error' | 'read-only';

export interface SyncStatus {
  state: SyncState;
  /** Local events not yet pushed to the store. */
  pending: number;
  lastSyncAt?: string;
  /** Plain-language detail for `offline` and `error`. */
  message?: string;
  /** The same detail in the reader's language. */
  say?: Sentence;
}

export interface CatalogStatus {
  catalog?: CatalogInfo;
  sync: SyncStatus;
  events: number;
  refused: number;
  superseded: number;
}

export interface SyncReport {
  status: SyncStatus;
  pulledEvents: number;
  pushedEvents: number;
  pulledBlobs: number;
  pushedBlobs: number;
  /** Files skipped in the store (half-written, foreign, unreadable), in plain words. */
  warnings: string[];
  /** What this sync found wrong in the store or in what it brought, and whether it was put right. */
  findings: IntegrityFinding[];
}

/**
 * altered: a file that does not hold what its name says; missing: a file the store lost;
 * duplicate: a second copy of an event that does not verify; unreadable: not a Berth file;
 * too-large / roleless-limit: an event no machine takes in; gap: an author's event that
 * another of theirs follows but nobody has; sealed: signed by a revoked key outside the
 * history its revocation sealed.
 */
export type IntegrityFindingKind = 'altered' | 'missing' | 'duplicate' | 'unreadable' | 'too-large' | 'roleless-limit' | 'gap' | 'sealed';

export interface IntegrityFinding {
  at: string;
  kind: IntegrityFindingKind;
  /** The file or object in the store, or the place it came from. */
  where: string;
  eventId?: string;
  /** Who wrote the event (key id), and the name they go by here. */
  author?: string;
  authorName?: string;
  /** The finding in plain words. */
  message: string;
  /** Put right from this machine's verified copy. */
  repaired: boolean;
}

/** An event stamped further ahead of this machine's clock than the allowed skew, not applied yet. */
export interface HeldEvent {
  eventId: string;
  action: string;
  author: string;
  authorName: string;
  /** The time the event claims. */
  stampedAt: string;
  /** When it will be applied (its time less the allowed skew). */
  dueAt: string;
}

export interface IntegrityReport {
  /** The latest findings, newest first. */
  findings: IntegrityFinding[];
  held: HeldEvent[];
}

export interface TransferReport {
  path: string;
  events: number;
  blobs: number;
  /** Events new to the receiving side. */
  newEvents: number;
  warnings: string[];
}

// ── apps, versions, categories ───────────────────────────────────────────────

export type VersionState = 'draft' | 'submitted' | 'passed' | 'rejected' | 'active' | 'suspended' | 'deleted';
export type AppState = 'draft' | 'active' | 'suspended' | 'deleted';

/** A content-addressed file (chart package, icon, screenshot). */
export interface BlobRef {
  sha256: string;
  size: number;
  mediaType: string;
}

/** The editable, store-facing information of an app. */
export interface AppInfoFields {
  description: string;
  /** Markdown. */
  introduction: string;
  home: string;
  icon?: BlobRef;
  screenshots: BlobRef[];
  category: string;
}

export interface VersionSummary {
  id: string;
  appId: string;
  name: string;
  chartVersion: string;
  appVersion?: string;
  state: VersionState;
  changelog: string;
  package: BlobRef;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** Set while rejected: the reviewer's reason. */
  rejectReason?: string;
  submittedAt?: string;
  reviewedBy?: string;
}

export interface AppSummary {
  id: string;
  workspace: string;
  workspaceName: string;
  chartName: string;
  state: AppState;
  description: string;
  icon?: BlobRef;
  category: string;
  categoryName: string;
  keywords: string[];
  /** Highest semantic version among all (non-deleted) versions. */
  latestVersion?: string;
  /** Highest semantic version among active versions: the one the store shows; never a suspended one. */
  latestInStore?: string;
  versionCount: number;
  updatedAt: string;
}

export interface AppDetail extends AppSummary {
  info: AppInfoFields;
  maintainers: ChartMaintainer[];
  versions: VersionSummary[];
  createdAt: string;
  createdBy: string;
  /** True while a version is submitted: app info can't be edited then. */
  infoLocked: boolean;
  /** True when the app info differs from the copy the store shows (reaches it at the next release or recover). */
  storeCopyOutdated: boolean;
  /** The ISV asked to publish the information, and a reviewer has not decided yet. */
  infoRequest?: { by: string; at: string };
}

/** An app whose ISV asked to publish its information, for a reviewer to decide on. */
export interface InfoReviewItem {
  app: AppSummary;
  requestedBy: string;
  requestedAt: string;
  /** The fields that differ from the store's copy: description, introduction, home, category, icon, screenshots. */
  changed: string[];
  /** The store's copy and the asked one, for the reviewer to read side by side. */
  store: AppInfoFields;
  asked: AppInfoFields;
}

export interface Category {
  id: string;
  name: string;
  description: string;
  /** Apps (any state) filed under the category. */
  appCount: number;
  /** Apps in the store (active) under the category. */
  activeAppCount: number;
  builtIn: boolean;
}

/** An app as the store shows it: the copy taken at its last release or recover. */
export interface StoreApp {
  id: string;
  chartName: string;
  description: string;
  icon?: BlobRef;
  category: string;
  categoryName: string;
  keywords: string[];
  latestVersion: string;
  latestVersionId: string;
  workspaceName: string;
  updatedAt: string;
}

export interface StoreAppDetail extends StoreApp {
  introduction: string;
  home: string;
  screenshots: BlobRef[];
  maintainers: ChartMaintainer[];
  /** Active versions only, highest first. */
  versions: VersionSummary[];
}

export interface StoreListing {
  categories: Category[];
  apps: StoreApp[];
  total: number;
}

export interface ReviewItem {
  version: VersionSummary;
  app: AppSummary;
  submittedBy: string;
  submittedAt: string;
  /** The version to diff against: the app's highest other version that was ever passed. */
  previousVersion?: VersionSummary;
}

// ── audit and conflicts ──────────────────────────────────────────────────────

/**
 * applied: took effect; refused: no effect (bad signature, missing role, wrong state);
 * superseded: lost a concurrent conflict; unknown: a newer Berth's event, kept and passed on.
 */
export type EventOutcome = 'applied' | 'refused' | 'superseded' | 'unknown';

/**
 * An audit sentence the UI translates: `auditDetails.<key>` with `params`. By convention
 * `anchor`/`path`/`line` say where a comment is (the UI words it as `where`), and `text` is
 * what the person wrote, shown as written.
 */
export interface AuditDetail {
  key: string;
  params: Record<string, string | number>;
}

export interface AuditRecord {
  eventId: string;
  /** Position in the deterministic order every machine replays in. */
  seq: number;
  at: string;
  action: string;
  author: string;
  authorName: string;
  role?: ActingRole;
  appId?: string;
  appName?: string;
  versionId?: string;
  /** The version name at the moment of the action. */
  versionName?: string;
  from?: VersionState | AppState;
  to?: VersionState | AppState;
  message?: string;
  /** `message` as a translation key and its values, so the UI can say it in the reader's language. */
  detail?: AuditDetail;
  outcome: EventOutcome;
  /** Why a refused or superseded event had no effect. */
  reason?: string;
  supersededBy?: { eventId: string; author: string; authorName: string };
}

export interface AuditQuery {
  app?: string;
  version?: string;
  author?: string;
  outcome?: EventOutcome;
  limit?: number;
  /** Only records with a seq below this (paging backwards from the newest). */
  beforeSeq?: number;
}

export interface AuditPage {
  records: AuditRecord[];
  total: number;
}

export interface BlobContent {
  sha256: string;
  mediaType: string;
  size: number;
  base64: string;
}
