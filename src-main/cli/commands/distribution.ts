/**
 * `berth store s3 …`, `berth publish …`, `berth import …`, `berth bundle export|import|inspect`,
 * `berth sign …`: distribution from the command line, with progress on stderr and plain errors.
 */
import type {
  ArtifactHubRepoSettings,
  BundleImportReport,
  CosignKeyInfo,
  SigningKeyInfo,
  PublishedChart,
  DistributionProgress,
  ImportCandidateView,
  ImportReportView,
  PublishPlanView,
  S3StoreLocation,
} from '../../../shared/types/distribution';
import { parseOwners } from '../../../shared/artifacthub-owners';
import { BerthFailure } from '../../../shared/result';
import type { DistributionService } from '../../publish/distribution-service';
import { UsageError, type FlagSpecs } from '../args';
import type { CliCommand, CliContext } from '../command';
import { arg, flag, requiredFlag, runWithServices, table } from './catalog-cli-kit';

interface Spec<T> {
  path: string[];
  summary: string;
  usage: string;
  flags?: FlagSpecs;
  args?: number;
  action(d: DistributionService, ctx: CliContext): Promise<T>;
  text(result: T, ctx: CliContext): string;
  /** Exit code for a result (default 0). */
  exitCode?(result: T): number;
}

function command<T>(spec: Spec<T>): CliCommand {
  return {
    path: spec.path,
    summary: spec.summary,
    usage: spec.usage,
    flags: spec.flags,
    run: (ctx) =>
      runWithServices(
        ctx,
        spec,
        async (services) => {
          const off = services.events.subscribe((name, payload) => {
            if (name !== 'distribution.progress' || ctx.json) return;
            const p = payload as DistributionProgress;
            if (p.total > 0) ctx.stderr(`  [${p.done}/${p.total}] ${p.current ?? 'done'}\n`);
          });
          try {
            return await spec.action(await services.distribution(), ctx);
          } finally {
            off();
          }
        },
        (result) => spec.text(result, ctx),
        spec.exitCode,
      ),
  };
}

export const S3_FLAGS = {
  bucket: { kind: 'string', description: 'the bucket holding the catalog' },
  prefix: { kind: 'string', description: 'key prefix inside the bucket (e.g. catalogs/acme/)' },
  endpoint: { kind: 'string', description: 'endpoint URL of an S3-compatible server (MinIO, Ceph RGW, …); AWS S3 when absent' },
  region: { kind: 'string', description: 'region (default: $AWS_REGION or us-east-1)' },
  profile: { kind: 'string', description: 'a profile from ~/.aws/credentials or ~/.aws/config' },
  'virtual-hosted': { kind: 'bool', description: 'bucket.host addressing instead of host/bucket (AWS S3 default)' },
} as const satisfies FlagSpecs;

export function s3LocationFromFlags(ctx: CliContext, bucketFlag = 'bucket'): S3StoreLocation {
  const location: S3StoreLocation = { kind: 's3', bucket: requiredFlag(ctx, bucketFlag) };
  for (const k of ['prefix', 'endpoint', 'region', 'profile'] as const) {
    const v = flag(ctx, k);
    if (v !== undefined) location[k] = v;
  }
  if (ctx.args.bools['virtual-hosted']) location.forcePathStyle = false;
  return location;
}

function refs(list: PublishedChart[]): string {
  return list.map((r) => `${r.name} ${r.version}`).join(', ') || '-';
}

function planText(p: PublishPlanView, done: boolean): string {
  const verb = done ? ['Added', 'Replaced', 'Removed', 'Unchanged'] : ['Will add', 'Will replace', 'Will remove', 'Unchanged'];
  return table([
    [`${verb[0]}:`, refs(p.add)],
    [`${verb[1]}:`, refs(p.replace)],
    [`${verb[2]}:`, refs(p.remove)],
    [`${verb[3]}:`, `${p.keep.length} version(s)`],
    ['Signed:', p.signed ? 'yes (.prov with each package)' : 'no (create a key with "berth sign key-create")'],
  ]);
}

const TARGET_FLAGS = {
  folder: { kind: 'string', description: 'a Helm repository folder (index.yaml + packages)' },
  url: { kind: 'string', description: 'the URL that folder is served at (written into index.yaml)' },
  oci: { kind: 'string', description: 'an OCI location, oci://host[:port]/path' },
  'plain-http': { kind: 'bool', description: 'talk plain HTTP to the registry (local registries)' },
  username: { kind: 'string', description: 'registry username' },
  'password-stdin': { kind: 'bool', description: 'read the registry password (or token with --token) from stdin' },
  token: { kind: 'bool', description: 'the secret on stdin is a bearer token' },
  'artifacthub-id': { kind: 'string', description: 'the repository ID Artifact Hub gave this repository (written to artifacthub-repo.yml)' },
  'artifacthub-owner': { kind: 'strings', description: 'an Artifact Hub owner, "Name <email>" or an email (repeatable; default: the catalog admins)' },
} as const satisfies FlagSpecs;

/** `--artifacthub-id` and `--artifacthub-owner "Name <email>"` as the target's Artifact Hub settings. */
function artifactHubFlags(ctx: CliContext): { artifactHub?: ArtifactHubRepoSettings } {
  const repositoryId = flag(ctx, 'artifacthub-id');
  const owners = parseOwners(ctx.args.lists['artifacthub-owner'] ?? []);
  if (!repositoryId && owners.length === 0) return {};
  return { artifactHub: { ...(repositoryId ? { repositoryId } : {}), ...(owners.length ? { owners } : {}) } };
}

async function stdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const IMPORT_FLAGS = {
  workspace: { kind: 'string', description: 'workspace the app templates go to' },
  chart: { kind: 'strings', description: 'only this chart (repeatable)' },
  username: { kind: 'string', description: 'username for the repository' },
  'password-stdin': { kind: 'bool', description: 'read the repository password from stdin' },
  'plain-http': { kind: 'bool', description: 'plain HTTP for oci:// (local registries)' },
  'dry-run': { kind: 'bool', description: 'only list what would be imported' },
} as const satisfies FlagSpecs;

function bundleImportText(r: BundleImportReport): string {
  return [
    `${r.createdApp ? 'Created' : 'Updated'} app ${r.app}: added ${r.addedVersions.join(', ') || 'no versions'}${r.skippedVersions.length ? `; already held: ${r.skippedVersions.join(', ')}` : ''}.`,
    ...r.provenance.map((p) => `  ${p.version}: provenance ${p.status} — ${p.message}`),
    `Review records: ${r.reviewRecords.verified} of ${r.reviewRecords.total} carry a valid signature. Imported versions are drafts here: this catalog's reviewers decide.`,
  ].join('\n');
}

const S3_CHECK_USAGE = 'berth store s3 check --bucket NAME [--endpoint URL] [--prefix P] [--region R] [--profile NAME]';

export const distributionCommands: CliCommand[] = [
  {
    path: ['store', 's3', 'check'],
    summary: 'Check an S3 bucket before connecting a catalog to it (credentials, bucket, existing catalog)',
    usage: S3_CHECK_USAGE,
    flags: S3_FLAGS,
    run: (ctx) =>
      runWithServices(
        ctx,
        { usage: S3_CHECK_USAGE },
        (services) => services.sync.checkS3(s3LocationFromFlags(ctx)),
        (r) => `${r.reachable ? 'OK' : 'Problem'}: ${r.message}`,
        (r) => (r.reachable ? 0 : 1),
      ),
  },
  command({
    path: ['store', 's3', 'credentials'],
    summary: 'Save S3 keys for Berth (read from stdin: access key id, then secret) or forget them with --clear',
    usage: 'printf "%s\\n%s\\n" KEY SECRET | berth store s3 credentials   |   berth store s3 credentials --clear',
    flags: { clear: { kind: 'bool', description: 'forget the saved keys (use the AWS environment or profile)' } },
    async action(d, ctx) {
      if (ctx.args.bools.clear) return d.setS3Credentials(null);
      const [accessKeyId, secretAccessKey, sessionToken] = (await stdinText()).split(/\r?\n/);
      return d.setS3Credentials({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
    },
    text: (r) =>
      r.s3CredentialsSaved ? 'S3 keys saved in your data dir (never in the catalog).' : 'S3 keys forgotten; Berth uses the AWS environment or profile.',
  }),
  command({
    path: ['publish', 'add'],
    summary: 'Add a publishing target: a Helm repository folder or an OCI registry',
    usage:
      'berth publish add NAME (--folder DIR [--url URL] | --oci oci://host/path [--username U --password-stdin] [--plain-http]) [--artifacthub-id UUID] [--artifacthub-owner "Name <email>"]…',
    flags: TARGET_FLAGS,
    args: 1,
    async action(d, ctx) {
      const name = arg(ctx, 0);
      const folder = flag(ctx, 'folder');
      const oci = flag(ctx, 'oci');
      if ((folder === undefined) === (oci === undefined)) throw new UsageError('give exactly one of --folder DIR or --oci oci://host/path');
      const secret = ctx.args.bools['password-stdin'] ? await stdinText() : undefined;
      if (folder !== undefined) {
        const url = flag(ctx, 'url');
        return d.saveTarget({ target: { name, kind: 'helm-folder', folder, ...(url ? { baseUrl: url } : {}), ...artifactHubFlags(ctx) } });
      }
      const username = flag(ctx, 'username');
      return d.saveTarget({
        target: {
          name,
          kind: 'oci',
          location: oci!,
          ...(ctx.args.bools['plain-http'] ? { plainHttp: true } : {}),
          ...(username ? { username } : {}),
          ...artifactHubFlags(ctx),
        },
        ...(secret !== undefined ? (ctx.args.bools.token ? { token: secret } : { password: secret }) : {}),
      });
    },
    text: (r) => `Publishing targets: ${r.targets.map((t) => t.name).join(', ')}`,
  }),
  command({
    path: ['publish', 'list'],
    summary: 'List publishing targets, the signing key and trusted keys',
    usage: 'berth publish list',
    action: (d) => d.view(),
    text: (r) =>
      table([
        ['TARGET', 'KIND', 'WHERE'],
        ...r.targets.map((t) => [
          t.name,
          t.kind,
          t.kind === 'helm-folder' ? `${t.folder}${t.baseUrl ? ` (${t.baseUrl})` : ''}` : `${t.location}${t.username ? ` as ${t.username}` : ''}`,
        ]),
      ]) + `Signing: ${r.signingKey ? `${r.signingKey.userIds[0]} ${r.signingKey.fingerprint}${r.signOnPublish ? '' : ' (off)'}` : 'no key'}\n`,
  }),
  command({
    path: ['publish', 'remove'],
    summary: 'Remove a publishing target (what was published stays where it is)',
    usage: 'berth publish remove NAME',
    args: 1,
    action: (d, ctx) => d.removeTarget(arg(ctx, 0)),
    text: (r) => `Publishing targets: ${r.targets.map((t) => t.name).join(', ') || 'none'}`,
  }),
  command({
    path: ['publish'],
    summary: 'Publish every active version to a target; --dry-run shows what would change',
    usage: 'berth publish TARGET [--dry-run]',
    flags: { 'dry-run': { kind: 'bool', description: 'only say what would be added, replaced and removed' } },
    args: 1,
    async action(d, ctx) {
      return ctx.args.bools['dry-run'] ? { ...(await d.planPublish(arg(ctx, 0))), where: undefined } : d.publish(arg(ctx, 0));
    },
    text: (r, ctx) => (ctx.args.bools['dry-run'] ? planText(r, false) : `Published to ${r.where}.\n${planText(r, true)}`),
  }),
  command({
    path: ['import'],
    summary: 'Import a Helm repository (URL or folder) or an OCI repository as app templates; re-imports add only new versions',
    usage: 'berth import SOURCE --workspace W [--chart NAME]… [--username U --password-stdin] [--plain-http] [--dry-run]',
    flags: IMPORT_FLAGS,
    args: 1,
    async action(d, ctx) {
      const req = {
        source: arg(ctx, 0),
        workspace: requiredFlag(ctx, 'workspace'),
        ...(ctx.args.lists.chart ? { charts: ctx.args.lists.chart } : {}),
        ...(flag(ctx, 'username') !== undefined ? { username: flag(ctx, 'username') } : {}),
        ...(ctx.args.bools['password-stdin'] ? { password: await stdinText() } : {}),
        ...(ctx.args.bools['plain-http'] ? { plainHttp: true } : {}),
      };
      const out: { plan?: ImportCandidateView[]; report?: ImportReportView } = {};
      if (ctx.args.bools['dry-run']) out.plan = await d.planImport(req);
      else out.report = await d.import(req);
      return out;
    },
    text: (r) => {
      if (r.plan) return table([['CHART', 'VERSION', 'STATUS'], ...r.plan.map((c) => [c.name, c.version, c.alreadyImported ? 'already imported' : 'new'])]);
      const rep = r.report!;
      return [
        `Imported ${rep.imported.length} version(s) from ${rep.source}; ${rep.skipped} already held.`,
        ...rep.imported.map((i) => `  ${i.name} ${i.version}: provenance ${i.provenance.status}${i.cosign ? `, cosign ${i.cosign.status}` : ''}`),
        ...rep.failed.map((f) => `  failed ${f.name} ${f.version}: ${f.message}`),
      ].join('\n');
    },
  }),
  command({
    path: ['bundle', 'export'],
    summary: 'Write an air-gap bundle of an app: versions, attachments, changelogs, provenance, review records, images',
    usage: 'berth bundle export APP --output FILE [--version NAME]…',
    flags: {
      output: { kind: 'string', short: 'o', description: 'the bundle file to write' },
      version: { kind: 'strings', description: 'a version name or id (default: all active versions)' },
    },
    args: 1,
    action: (d, ctx) =>
      d.exportBundle({ app: arg(ctx, 0), path: requiredFlag(ctx, 'output'), ...(ctx.args.lists.version ? { versions: ctx.args.lists.version } : {}) }),
    text: (r) =>
      `Wrote ${r.path} (${r.bytes} bytes): ${r.versions.join(', ')}.\nImages to mirror:\n${r.images.map((i) => `  ${i}`).join('\n') || '  none found'}`,
  }),
  command({
    path: ['bundle', 'inspect'],
    summary: 'Show what an air-gap bundle holds',
    usage: 'berth bundle inspect FILE',
    args: 1,
    action: async (d, ctx) => d.inspectBundle(arg(ctx, 0)),
    text: (m) =>
      `${m.app.chartName} from catalog “${m.sourceCatalog.name}”, made by ${m.createdBy.displayName} on ${m.createdAt}\n` +
      table([['VERSION', 'STATE', 'SIGNED', 'IMAGES'], ...m.versions.map((v) => [v.name, v.state, v.provenance ? 'yes' : 'no', v.images.join(' ')])]),
  }),
  command({
    path: ['bundle', 'import'],
    summary: 'Import an air-gap bundle into a workspace of this catalog',
    usage: 'berth bundle import FILE --workspace W',
    flags: { workspace: { kind: 'string', description: 'workspace the app goes to' } },
    args: 1,
    action: (d, ctx) => d.importBundle({ path: arg(ctx, 0), workspace: requiredFlag(ctx, 'workspace') }),
    text: bundleImportText,
  }),
  command({
    path: ['sign', 'key-create'],
    summary: 'Create your OpenPGP signing key (publishes carry .prov files) or, with --cosign, your cosign key pair (OCI publishes carry cosign signatures)',
    usage: 'berth sign key-create --name NAME [--email EMAIL] | berth sign key-create --cosign',
    flags: {
      name: { kind: 'string', description: 'name on the key' },
      email: { kind: 'string', description: 'email on the key' },
      cosign: { kind: 'bool', description: 'an ECDSA P-256 cosign key pair instead (cosign.key and cosign.pub in your data dir)' },
    },
    action: async (d, ctx): Promise<SigningKeyInfo | CosignKeyInfo> =>
      ctx.args.bools.cosign === true
        ? d.generateCosignKey()
        : d.generateSigningKey({ name: requiredFlag(ctx, 'name'), ...(flag(ctx, 'email') ? { email: flag(ctx, 'email') } : {}) }),
    text: (k) =>
      'publicKeyPem' in k
        ? `Created your cosign key ${k.fingerprint.slice(0, 16)}… (no transparency log is used).\nGive people this public key as cosign.pub (cosign verify --key cosign.pub --insecure-ignore-tlog=true IMAGE):\n${k.publicKeyPem}`
        : `Created ${k.userIds[0]} ${k.fingerprint}.\nGive people this public key (helm verify needs it in a keyring: gpg --import, then gpg --export > pubring.gpg):\n${k.armoredPublicKey}`,
  }),
  command({
    path: ['sign', 'trust'],
    summary: 'Trust a publisher’s public key for provenance checks: OpenPGP (armored or binary) or a cosign.pub (PEM)',
    usage: 'berth sign trust FILE',
    args: 1,
    async action(d, ctx): Promise<{ openpgp?: SigningKeyInfo[]; cosign?: CosignKeyInfo[] }> {
      const { readFileSync } = await import('node:fs');
      let key: string;
      try {
        key = readFileSync(arg(ctx, 0), 'utf8');
      } catch {
        throw new BerthFailure('input.invalid', `Cannot read ${arg(ctx, 0)}.`);
      }
      return key.includes('-----BEGIN PUBLIC KEY-----') ? { cosign: d.trustCosign(key) } : { openpgp: await d.trust(key) };
    },
    text: (keys) =>
      keys.cosign
        ? table([['TRUSTED COSIGN KEY (SHA-256 OF THE PUBLIC KEY)'], ...keys.cosign.map((k) => [k.fingerprint])])
        : table([['TRUSTED KEY', 'FINGERPRINT'], ...(keys.openpgp ?? []).map((k) => [k.userIds[0] ?? '', k.fingerprint])]),
  }),
];
