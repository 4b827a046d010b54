/**
 * Everything the UI can ask of the main side: call name → request → result.
 * Both transports (Electron IPC and the loopback HTTP bridge) are generic over this
 * record; adding a call means adding a line here and a handler in src-main/handlers/.
 * Types only — no runtime code lives in this file except the list of call names.
 */
import type {
  AppDetail,
  AppSummary,
  AuditPage,
  AuditQuery,
  AuditRecord,
  BlobContent,
  CatalogStatus,
  Category,
  Identity,
  IntegrityReport,
  Member,
  PlatformRole,
  InfoReviewItem,
  ReviewItem,
  Session,
  StoreAppDetail,
  StoreListing,
  StoreLocation,
  SyncReport,
  SyncStatus,
  TransferReport,
  VersionSummary,
  Workspace,
  WorkspaceRole,
} from './types/catalog';
import type { AppInfo, Settings } from './types/core';
import type {
  ApiMigrationResult,
  ChartLintResult,
  ChartSource,
  ChartReview,
  ChartSummary,
  ArtifactHubInfo,
  ChartTreeFile,
  RenderOptions,
  RenderResult,
} from './types/chart';
import type {
  BundleExportReport,
  BundleImportReport,
  BundleManifest,
  DistributionProgress,
  DistributionSettings,
  ImportCandidateView,
  ImportReportView,
  ImportRequest,
  CosignCheck,
  CosignKeyInfo,
  ProvenanceCheck,
  PublishPlanView,
  PublishReport,
  PublishTargetInput,
  S3CheckResult,
  S3Credentials,
  S3StoreLocation,
  SigningKeyInfo,
} from './types/distribution';
import type { FolderFile } from './types/ui';
import type {
  ClusterInfo,
  ClusterTarget,
  InstallRequest,
  KubeconfigInfo,
  PreflightReport,
  ReleaseDetail,
  ReleaseHealth,
  ReleaseOutcome,
  ReleaseRevision,
  ReleaseStatus,
  ReleaseSummary,
  ReleaseReadiness,
  RemovedApiUse,
  RollbackRequest,
  UninstallOutcome,
  UninstallRequest,
  UpgradePreview,
  UpgradeRequest,
  UpgradeTestOutcome,
  UpgradeTestRequest,
} from './types/deploy';
import type { CommentAnchor, CommentThread, ReportView, TestDeployRecord, VersionComparison } from './types/review-tools';
import type { ImageLockReport } from './types/image-digests';
import type { BuiltPackage, PackageDependencies } from './types/dependencies';
import type { FormModel, JsonObject, Merge3Result, Resolution, SettledValues, ValuesDiff, ValuesUsage, ValuesValidation } from './types/values';

type Empty = Record<string, never>;
type VersionAction = { version: string; message?: string };
type ValuesSide = ChartSource | { values: JsonObject } | { chart: ChartSource; values: JsonObject };

export interface Contract {
  // ── app shell ──────────────────────────────────────────────────────────────
  'app.info': { request: Record<string, never>; result: AppInfo };
  'settings.get': { request: Record<string, never>; result: Settings };
  'settings.update': { request: Partial<Settings>; result: Settings };

  // ── chart toolkit (load, lint, package, render) ────────────────────────────
  // `chart` is a ChartSource: a catalog version ({ version }), package bytes ({ packageBase64 }) or a
  // folder or .tgz on disk ({ path }); packages pass the archive safety layer first (chart.unsafe-archive). Helm's own failures come back as
  // chart.invalid / chart.render-failed with Helm's message.
  /** Chart.yaml of a package, validated as Helm does. */
  'chart.inspect': { request: { chart: ChartSource }; result: ChartSummary };
  /** An uploaded package's dependencies (helm dependency list) and which its charts/ lacks. */
  'chart.dependencies': { request: { packageBase64: string }; result: PackageDependencies };
  /** helm dependency build on an uploaded package, the catalog's charts first; the package again, with them. */
  'chart.buildDependencies': { request: { packageBase64: string }; result: BuiltPackage };
  /** Every file of a chart (UTF-8 text inline, other files by size only). */
  'chart.files': { request: { chart: ChartSource }; result: ChartTreeFile[] };
  /** `helm template` with its flags; `output` is byte for byte what helm prints. */
  'chart.render': { request: { chart: ChartSource; options?: RenderOptions }; result: RenderResult };
  /** `helm lint` (optionally --strict, with values). */
  'chart.lint': { request: { chart: ChartSource; strict?: boolean; valuesYaml?: string[]; kubeVersion?: string }; result: ChartLintResult };
  /** `helm package` of a folder: the archive comes back base64-encoded (and is written to `destination` when given). */
  'chart.package': {
    request: { dir: string; destination?: string; version?: string; appVersion?: string };
    result: { fileName: string; packageBase64: string; path?: string };
  };
  /** The reviewer's checks (README, schema, icon, NOTES, CRDs, image tags, resources, deprecated/removed APIs). */
  'chart.review': { request: { chart: ChartSource; kubeVersion?: string }; result: ChartReview };
  /** Quick fix: a new package with removed APIs moved to their replacements where the schema allows. */
  /** The Artifact Hub annotations of a catalog version's chart (changes, images, links, license, badges, CRDs), vetted. */
  'chart.artifactHub': { request: { version: string }; result: ArtifactHubInfo };
  'chart.migrateApis': { request: { chart: ChartSource; kubeVersion?: string; version?: string }; result: ApiMigrationResult & { packageBase64: string } };

  // ── catalog (identity, apps, versions, review, categories, audit, sync) ────
  // Every catalog call fails with a stable code (catalog.forbidden, catalog.wrong-state,
  // catalog.duplicate, catalog.in-use, catalog.not-connected, input.invalid, not-found) and a
  // plain sentence, and then has changed nothing. Ids: apps, versions, categories and
  // workspaces by id; people by key id. Files travel base64-encoded.
  'session.get': { request: Empty; result: Session };
  'identity.show': { request: Empty; result: Identity };
  'identity.rename': { request: { displayName: string }; result: Identity };
  'catalog.init': { request: { name: string; store: StoreLocation }; result: CatalogStatus };
  'catalog.connect': { request: { store: StoreLocation }; result: CatalogStatus };
  'catalog.disconnect': { request: Empty; result: CatalogStatus };
  'catalog.status': { request: Empty; result: CatalogStatus };
  'catalog.sync': { request: Empty; result: SyncReport };
  /** Writes one portable catalog file (events and blobs) to hand to an offline reviewer. */
  'catalog.export': { request: { path: string }; result: TransferReport };
  /** Merges a catalog file (e.g. an offline reviewer's decisions) into the local catalog. */
  'catalog.import': { request: { path: string }; result: TransferReport };
  'member.list': { request: Empty; result: Member[] };
  'member.grant': { request: { member: string; role: PlatformRole }; result: Member };
  'member.revoke': { request: { member: string; role: PlatformRole }; result: Member };
  'workspace.list': { request: Empty; result: Workspace[] };
  'workspace.create': { request: { name: string; description?: string }; result: Workspace };
  'workspace.addMember': { request: { workspace: string; member: string; role: WorkspaceRole }; result: Workspace };
  'workspace.removeMember': { request: { workspace: string; member: string }; result: Workspace };
  /** Apps of the workspaces the caller belongs to (all apps for reviewers and admins). */
  'app.list': { request: { workspace?: string }; result: AppSummary[] };
  'app.create': { request: { workspace: string; chart: string; category?: string }; result: AppDetail };
  'app.get': { request: { app: string }; result: AppDetail };
  'app.updateInfo': { request: { app: string; description?: string; introduction?: string; home?: string; category?: string }; result: AppDetail };
  /** `image` null removes the icon. PNG, JPEG or SVG. */
  'app.setIcon': { request: { app: string; image: string | null }; result: AppDetail };
  'app.addScreenshot': { request: { app: string; image: string }; result: AppDetail };
  'app.removeScreenshot': { request: { app: string; sha256: string }; result: AppDetail };
  'app.delete': { request: { app: string }; result: { deleted: string } };
  'app.suspend': { request: { app: string; message?: string }; result: AppDetail };
  'app.recover': { request: { app: string; message?: string }; result: AppDetail };
  /** Sends the app's edited information to the store now (else it goes with the next release or recover). */
  'app.publishInfo': { request: { app: string }; result: AppDetail };
  /** A reviewer publishes (approve) or turns down, with a reason, the information an ISV asked to publish. */
  'app.reviewInfo': { request: { app: string; approve: boolean; reason?: string }; result: AppDetail };
  /** Admins: whether published app information waits for a reviewer. */
  'catalog.setPolicy': { request: { infoReview: boolean }; result: { infoReview: boolean } };
  /** Apps whose ISV asked to publish information while the catalog has it reviewed. */
  'review.infoRequests': { request: Empty; result: InfoReviewItem[] };
  'version.add': { request: { app: string; chart: string; versionName?: string; changelog?: string }; result: VersionSummary };
  'version.get': { request: { version: string }; result: VersionSummary };
  'version.edit': { request: { version: string; chart?: string; versionName?: string; changelog?: string }; result: VersionSummary };
  'version.submit': { request: { version: string; versionName?: string; changelog?: string; message?: string }; result: VersionSummary };
  'version.cancel': { request: VersionAction; result: VersionSummary };
  /** Approves and locks the digests of the images the rendered default manifests use (in the signed approval). */
  'version.approve': { request: VersionAction; result: VersionSummary };
  /** The digests locked at approval against what each tag points to now (for the deploy warning). */
  'version.imageCheck': { request: { version: string }; result: ImageLockReport };
  'version.reject': { request: { version: string; reason: string }; result: VersionSummary };
  'version.release': { request: VersionAction; result: VersionSummary };
  'version.suspend': { request: VersionAction; result: VersionSummary };
  'version.recover': { request: VersionAction; result: VersionSummary };
  'version.delete': { request: VersionAction; result: VersionSummary };
  /** The chart package to deploy. `store` is refused unless the version is active; `test` is for the app's isv (draft test-deploy). */
  'version.package': { request: { version: string; purpose: 'store' | 'test' }; result: BlobContent & { fileName: string } };
  'category.list': { request: Empty; result: Category[] };
  'category.create': { request: { name: string; description?: string }; result: Category };
  'category.rename': { request: { category: string; name: string }; result: Category };
  'category.delete': { request: { category: string }; result: { deleted: string } };
  'store.list': { request: { category?: string; search?: string; limit?: number; offset?: number }; result: StoreListing };
  'store.app': { request: { app: string }; result: StoreAppDetail };
  'review.queue': { request: Empty; result: ReviewItem[] };
  'audit.list': { request: AuditQuery; result: AuditPage };
  /** A stored file, verified against its sha256 before it is returned. */
  'blob.get': { request: { sha256: string }; result: BlobContent };
  /** Events that had no effect: superseded by a concurrent event, or refused. Newest first. */
  'sync.conflicts': { request: { limit?: number }; result: AuditRecord[] };
  /** What syncs found wrong in the store (and put right), and events held back for their time. */
  'sync.integrity': { request: Record<string, never>; result: IntegrityReport };

  // ── deploy (kubeconfig, releases) ──────────────────────────────────────────
  // Releases are Helm's: what Berth installs, helm lists and upgrades, and the reverse. Calls
  // fail with cluster.unreachable (kubeconfig, network, credentials), deploy.preflight-failed
  // (refused before anything changed; `deploy.preflight` lists every problem), deploy.failed,
  // deploy.timeout (not ready in time; the release is recorded failed), not-found, conflict.
  // `namespace` defaults to the context's namespace.
  /** Contexts of the user's kubeconfig files (read, never written). */
  'deploy.kubeconfig': { request: { kubeconfig?: string }; result: KubeconfigInfo };
  'deploy.cluster': { request: { target: ClusterTarget }; result: ClusterInfo };
  'deploy.createNamespace': { request: { target: ClusterTarget; namespace: string }; result: { namespace: string; created: boolean } };
  /** Renders and checks every object with a server-side dry run; changes nothing. */
  'deploy.preflight': { request: InstallRequest; result: PreflightReport };
  'deploy.install': { request: InstallRequest; result: ReleaseOutcome };
  /** Per-object manifest diff between the deployed revision and the upgrade; changes nothing. */
  'deploy.previewUpgrade': { request: UpgradeRequest; result: UpgradePreview };
  'deploy.upgrade': { request: UpgradeRequest; result: ReleaseOutcome };
  /** `ct install --upgrade` for a test version: the previous active version installed, then upgraded to it; recorded for the reviewer. */
  'deploy.upgradeTest': { request: UpgradeTestRequest; result: UpgradeTestOutcome };
  'deploy.rollback': { request: RollbackRequest; result: ReleaseOutcome };
  'deploy.uninstall': { request: UninstallRequest; result: UninstallOutcome };
  /** `helm list`: the latest revision per release, optionally only those in `statuses`. */
  /** Releases whose stored manifest uses APIs `kubeVersion` removed (berth upgrade-check). */
  'deploy.upgradeCheck': { request: { target: ClusterTarget; kubeVersion: string; namespace?: string }; result: ReleaseReadiness[] };
  /** Repairs one release's record as helm-mapkubeapis does; null when there was nothing to repair. */
  'deploy.repairRecord': {
    request: { target: ClusterTarget; release: string; namespace: string; kubeVersion: string };
    result: { revision: number; uses: RemovedApiUse[] } | null;
  };
  'deploy.list': { request: { target: ClusterTarget; namespace?: string; allNamespaces?: boolean; statuses?: ReleaseStatus[] }; result: ReleaseSummary[] };
  'deploy.get': { request: { target: ClusterTarget; namespace?: string; release: string; revision?: number }; result: ReleaseDetail };
  'deploy.history': { request: { target: ClusterTarget; namespace?: string; release: string }; result: ReleaseRevision[] };
  'deploy.health': { request: { target: ClusterTarget; namespace?: string; release: string }; result: ReleaseHealth };
  /** Returns the health now and pushes `deploy.status` on every change (for up to 30 minutes). */
  'deploy.watch': { request: { target: ClusterTarget; namespace?: string; release: string }; result: ReleaseHealth };
  'deploy.unwatch': { request: { namespace?: string; release: string }; result: { watching: number } };

  // ── ui support (compositions of the services above, for the renderer) ─────
  /** `helm package` of a chart folder picked in the UI, which has files but no path on disk (files travel base64-encoded). */
  'ui.packageFolder': { request: { files: FolderFile[] }; result: { fileName: string; packageBase64: string } };

  // ── review & upgrade tools (values forms, upgrades, comments, report, comparison) ──
  // `chart` names a catalog version ({ version }) or package bytes ({ packageBase64 }).
  // Comments, reports, waivers and test-deploy records are signed catalog events: they
  // sync and work offline like everything else. Fails with input.invalid, not-found,
  // catalog.forbidden (with a plain sentence) and then has changed nothing.
  /** The form for a chart's values: from values.schema.json (subcharts too) over values.yaml and its comments. */
  'values.formModel': { request: { chart: ChartSource }; result: FormModel };
  /** Values (an object, or YAML text as typed) checked against every schema of the chart, as Helm does. */
  'values.validate': { request: { chart: ChartSource; values?: JsonObject; yaml?: string }; result: ValuesValidation };
  /** The values set, judged against the chart's templates: read by no template ("did you mean"), not judgeable (read dynamically), deprecated. */
  'values.usage': { request: { chart: ChartSource; values: JsonObject }; result: ValuesUsage };
  /** Carries the user's overrides from one chart version to another; what cannot be carried comes back as conflicts. */
  'values.merge3': { request: { from: ChartSource; to: ChartSource; values: JsonObject }; result: Merge3Result };
  /** The overrides for the new version once the conflicts are settled, validated against the new chart. */
  'values.settle': {
    request: { from: ChartSource; to: ChartSource; values: JsonObject; resolutions: Record<string, Resolution> };
    result: SettledValues & { validation: ValuesValidation };
  };
  /** Structural diff: a chart's defaults ({ chart }), a chart with values ({ chart, values }), or plain values ({ values }). */
  'values.diff': { request: { a: ValuesSide; b: ValuesSide }; result: ValuesDiff };
  'comment.list': { request: { version: string }; result: CommentThread[] };
  'comment.add': { request: { version: string; anchor: CommentAnchor; body: string }; result: CommentThread };
  /** `version`: the version being reviewed (a carried thread was opened on an earlier one). */
  'comment.reply': { request: { thread: string; version: string; body: string }; result: CommentThread };
  'comment.resolve': { request: { thread: string; version: string; resolved: boolean }; result: CommentThread };
  /** Rejects the version (reviewer) with the reason plus the cited threads, which the ISV then sees marked. */
  'comment.rejectCiting': { request: { version: string; reason: string; threads: string[] }; result: VersionSummary };
  /** Builds the pre-submission report of a version and stores it on the version. */
  'report.build': { request: { version: string; kubeVersions?: string[] }; result: ReportView };
  /** Builds the report, then submits the version for review (what the submit dialog calls). */
  'report.submit': {
    request: { version: string; versionName?: string; changelog?: string; message?: string; kubeVersions?: string[] };
    result: { version: VersionSummary; report: ReportView };
  };
  'report.get': { request: { version: string }; result: ReportView | null };
  'report.export': { request: { version: string; format: 'markdown' | 'json' }; result: { fileName: string; mediaType: string; text: string } };
  /** ISV: asks to waive a check that did not pass, with a reason. */
  'report.requestWaiver': { request: { version: string; check: string; reason: string }; result: ReportView };
  /** Reviewer: accepts or refuses a waiver (a refusal needs a note). */
  'report.decideWaiver': { request: { waiver: string; accept: boolean; note?: string }; result: ReportView };
  /** The latest test deploy recorded on the version, or null: what My apps shows on the version row. */
  'report.latestTestDeploy': { request: { version: string }; result: TestDeployRecord | null };
  /** Records a test deploy's outcome on the version; the next report takes the latest. */
  'report.recordTestDeploy': { request: Omit<TestDeployRecord, 'by' | 'byName' | 'at'> & { at?: string }; result: TestDeployRecord };
  /** Any two versions side by side: Chart.yaml, values, files, manifests for the given values, reports. */
  'compare.versions': { request: { a: ChartSource; b: ChartSource; values?: JsonObject; kubeVersion?: string }; result: VersionComparison };

  // ── distribution (S3 store, Helm repositories and OCI registries, import, provenance, bundles) ──
  // Secrets (S3 keys, registry passwords, the signing key) stay in this person's data dir and
  // are never returned. Fails with input.invalid, not-found, distribution.* (unreachable,
  // auth-failed, not-found, refused, bad-response) and a plain sentence.
  'distribution.settings': { request: Empty; result: DistributionSettings };
  /** Saves (or with null forgets) the S3 keys used when no AWS environment or profile is set. */
  'distribution.s3.credentials': { request: { credentials: S3Credentials | null }; result: DistributionSettings };
  /** Tries a bucket before connecting: reachable with the keys, and whether a catalog is there. */
  'distribution.s3.check': { request: { store: S3StoreLocation }; result: S3CheckResult };
  'distribution.target.save': { request: PublishTargetInput; result: DistributionSettings };
  'distribution.target.remove': { request: { target: string }; result: DistributionSettings };
  'distribution.signOnPublish': { request: { on: boolean }; result: DistributionSettings };
  /** What the next publish would add, replace and remove (suspended versions leave), before doing it. */
  'distribution.publish.plan': { request: { target: string }; result: PublishPlanView };
  /** Publishes every active version; pushes `distribution.progress`. */
  'distribution.publish': { request: { target: string }; result: PublishReport };
  'distribution.import.plan': { request: ImportRequest; result: ImportCandidateView[] };
  /** Imports the versions not yet held (by package digest) as app templates; pushes `distribution.progress`. */
  'distribution.import': { request: ImportRequest; result: ImportReportView };
  'provenance.key.generate': { request: { name: string; email?: string }; result: SigningKeyInfo };
  'provenance.trust': { request: { publicKey: string }; result: SigningKeyInfo[] };
  'provenance.distrust': { request: { fingerprint: string }; result: SigningKeyInfo[] };
  /** The provenance of a catalog version (for reviewers and store users). */
  'provenance.check': { request: { version: string }; result: ProvenanceCheck };
  /** cosign: the chart's signatures in the OCI registry it came from; null when it did not come from one. */
  'provenance.cosign.check': { request: { version: string }; result: (CosignCheck & { checkedAt?: string }) | null };
  'provenance.cosign.keys': { request: Empty; result: { own?: CosignKeyInfo; trusted: CosignKeyInfo[] } };
  'provenance.cosign.generate': { request: Empty; result: CosignKeyInfo };
  'provenance.cosign.trust': { request: { publicKey: string }; result: CosignKeyInfo[] };
  'provenance.cosign.distrust': { request: { fingerprint: string }; result: CosignKeyInfo[] };
  /** Attaches the `.prov` that came with an uploaded version, once it checks out. */
  'provenance.attach': { request: { version: string; provenance: string }; result: ProvenanceCheck };
  'bundle.export': { request: { app: string; versions?: string[]; path: string }; result: BundleExportReport };
  'bundle.inspect': { request: { path: string }; result: BundleManifest };
  'bundle.import': { request: { path: string; workspace: string }; result: BundleImportReport };
}

export type CallName = keyof Contract;
export type RequestOf<K extends CallName> = Contract[K]['request'];
export type ResultOf<K extends CallName> = Contract[K]['result'];

/** Events the main side pushes to the UI: name → payload. */
export interface ContractEvents {
  'settings.changed': Settings;
  'sync.status': SyncStatus;
  /** The local catalog changed (a command, a sync or an import); views refetch what they show. */
  'catalog.changed': { events: number };
  /** Live health of a watched release, or of one being installed/upgraded/rolled back with wait. */
  'deploy.status': ReleaseHealth;
  /** Progress of a publish, import or bundle run. */
  'distribution.progress': DistributionProgress;
}
export type EventName = keyof ContractEvents;
