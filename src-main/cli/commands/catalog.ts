/** `berth catalog|identity|member|workspace …`: the catalog itself, who you are, and who may do what. */
import type { CatalogStatus, Member, StoreLocation, SyncReport, TransferReport, Workspace } from '../../../shared/types/catalog';
import { UsageError } from '../args';
import type { CliCommand, CliContext } from '../command';
import { catalogAppCommands } from './catalog-apps';
import { arg, catalogCommand, flag, requiredFlag, syncCommand, table } from './catalog-cli-kit';
import { catalogStoreCommands } from './catalog-store';
import { S3_FLAGS, s3LocationFromFlags } from './distribution';
import { describeStore } from '../../sync/store-location';

const { bucket: _bucket, ...S3_PLACE_FLAGS } = S3_FLAGS;

const STORE_FLAGS = {
  folder: { kind: 'string', description: 'a shared folder (network share, synced folder, USB stick)' },
  file: { kind: 'string', description: 'a portable catalog file' },
  's3-bucket': { kind: 'string', description: 'an S3-compatible bucket (keys from the environment, --profile or "berth store s3 credentials")' },
  ...S3_PLACE_FLAGS,
} as const;

function storeLocation(ctx: CliContext): StoreLocation {
  const folder = flag(ctx, 'folder');
  const file = flag(ctx, 'file');
  const bucket = flag(ctx, 's3-bucket');
  if ([folder, file, bucket].filter((v) => v !== undefined).length !== 1)
    throw new UsageError('give exactly one of --folder DIR, --file FILE or --s3-bucket NAME');
  if (bucket === undefined) {
    const stray = [...Object.keys(S3_PLACE_FLAGS)].find((k) => flag(ctx, k) !== undefined || ctx.args.bools[k]);
    if (stray) throw new UsageError(`--${stray} goes with --s3-bucket`);
  }
  if (folder !== undefined) return { kind: 'folder', path: folder };
  if (file !== undefined) return { kind: 'file', path: file };
  return s3LocationFromFlags(ctx, 's3-bucket');
}

function statusText(s: CatalogStatus): string {
  if (!s.catalog) return 'Not connected to a catalog. Create one with "berth catalog init" or join one with "berth catalog connect".\n';
  const where = s.catalog.store ? describeStore(s.catalog.store) : 'not connected (local only)';
  return table([
    ['catalog:', `${s.catalog.name} (${s.catalog.id.slice(0, 12)})`],
    ['shared via:', where],
    ['sync:', `${s.sync.state}${s.sync.pending ? `, ${s.sync.pending} change(s) waiting to be sent` : ''}${s.sync.message ? ` — ${s.sync.message}` : ''}`],
    ['last sync:', s.sync.lastSyncAt ?? 'never'],
    ['events:', `${s.events} (${s.superseded} superseded, ${s.refused} refused)`],
  ]);
}

function syncText(r: SyncReport): string {
  const lines = [
    `Sent ${r.pushedEvents} change(s) and ${r.pushedBlobs} file(s); received ${r.pulledEvents} change(s) and ${r.pulledBlobs} file(s). Status: ${r.status.state}.`,
  ];
  if (r.status.message) lines.push(r.status.message);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

function transferText(verb: string) {
  return (r: TransferReport) =>
    [`${verb} ${r.path}: ${r.events} event(s), ${r.newEvents} new, ${r.blobs} file(s).`, ...r.warnings.map((w) => `warning: ${w}`)].join('\n');
}

function memberRows(members: Member[]): string {
  return table([
    ['NAME', 'KEY', 'ROLES', 'WORKSPACES'],
    ...members.map((m) => [
      m.displayName || '(not joined yet)',
      m.shortId,
      m.platformRoles.join(',') || '-',
      m.workspaces.map((w) => `${w.workspaceName}:${w.role}`).join(',') || '-',
    ]),
  ]);
}

function workspaceText(w: Workspace): string {
  return `${w.name} (${w.id}): ${w.members.map((m) => `${m.displayName} ${m.role}`).join(', ') || 'no members'}`;
}

const roleFlag = { role: { kind: 'string', description: 'reviewer or admin' } } as const;

export const catalogCoreCommands: CliCommand[] = [
  syncCommand({
    path: ['catalog', 'init'],
    summary: 'Start a new catalog in a shared folder, catalog file or S3 bucket; you become its admin',
    usage: 'berth catalog init --name NAME (--folder DIR | --file FILE | --s3-bucket NAME [--endpoint URL] [--prefix P] [--region R] [--profile NAME])',
    flags: { name: { kind: 'string', description: 'the catalog name' }, ...STORE_FLAGS },
    action: (sync, ctx) => sync.init(requiredFlag(ctx, 'name'), storeLocation(ctx)),
    text: statusText,
  }),
  syncCommand({
    path: ['catalog', 'connect'],
    summary: 'Join the catalog a shared folder, catalog file or S3 bucket holds, and fetch it',
    usage: 'berth catalog connect (--folder DIR | --file FILE | --s3-bucket NAME [--endpoint URL] [--prefix P] [--region R] [--profile NAME])',
    flags: STORE_FLAGS,
    action: (sync, ctx) => sync.connect(storeLocation(ctx)),
    text: statusText,
  }),
  syncCommand({
    path: ['catalog', 'disconnect'],
    summary: 'Stop syncing (your local copy stays and keeps working offline)',
    usage: 'berth catalog disconnect',
    action: (sync) => sync.disconnect(),
    text: statusText,
  }),
  syncCommand({
    path: ['catalog', 'status'],
    summary: 'Show the catalog, where it is shared and whether everything is synced',
    usage: 'berth catalog status',
    action: (sync) => sync.catalogStatus(),
    text: statusText,
  }),
  syncCommand({
    path: ['catalog', 'sync'],
    summary: 'Send your changes and fetch everyone else’s',
    usage: 'berth catalog sync',
    action: (sync) => sync.sync(),
    text: syncText,
  }),
  syncCommand({
    path: ['catalog', 'export'],
    summary: 'Write the whole catalog into one portable file (for an offline reviewer)',
    usage: 'berth catalog export FILE',
    args: 1,
    action: (sync, ctx) => sync.exportTo(arg(ctx, 0)),
    text: transferText('Exported to'),
  }),
  syncCommand({
    path: ['catalog', 'import'],
    summary: 'Merge a catalog file (e.g. an offline reviewer’s decisions) into your catalog',
    usage: 'berth catalog import FILE',
    args: 1,
    action: (sync, ctx) => sync.importFrom(arg(ctx, 0)),
    text: transferText('Imported from'),
  }),
  catalogCommand({
    path: ['catalog', 'conflicts'],
    summary: 'List changes that had no effect: superseded by a concurrent change, or refused',
    usage: 'berth catalog conflicts [--limit N]',
    flags: { limit: { kind: 'string', description: 'how many (default 200)' } },
    action: async (c, ctx) => ({ conflicts: await c.queries.conflicts(Number(flag(ctx, 'limit') ?? 200)), ...(await c.queries.integrity()) }),
    text: ({ conflicts: rows, findings, held }) =>
      [
        rows.length === 0
          ? 'No conflicts: every change took effect.'
          : table([
              ['WHEN', 'WHO', 'ACTION', 'OUTCOME', 'WHY'],
              ...rows.map((r) => [
                r.at.slice(0, 19),
                r.authorName,
                `${r.action} ${r.appName ?? ''} ${r.versionName ?? ''}`.trim(),
                r.outcome + (r.supersededBy ? ` by ${r.supersededBy.authorName}` : ''),
                r.reason ?? '',
              ]),
            ]),
        held.length === 0
          ? ''
          : `\nHeld back (stamped more than 5 minutes ahead of this computer's clock; applied when that time comes):\n` +
            table([
              ['STAMPED', 'WHO', 'ACTION', 'APPLIED FROM', 'EVENT'],
              ...held.map((h) => [h.stampedAt.slice(0, 19), h.authorName, h.action, h.dueAt.slice(0, 19), h.eventId.slice(0, 12)]),
            ]),
        findings.length === 0
          ? ''
          : `\nFound in the store:\n` +
            table([
              ['WHEN', 'WHAT', 'WHO', 'WHERE', 'REPAIRED', 'DETAIL'],
              ...findings.map((f) => [f.at.slice(0, 19), f.kind, f.authorName ?? '', f.where, f.repaired ? 'yes' : 'no', f.message]),
            ]),
      ]
        .filter(Boolean)
        .join('\n'),
  }),
  catalogCommand({
    path: ['identity', 'show'],
    summary: 'Show your display name and key id (give the key id to the admin)',
    usage: 'berth identity show',
    action: async (c) => c.queries.identity(),
    text: (i) =>
      table([
        ['name:', i.displayName],
        ['key id:', i.keyId],
        ['short id:', i.shortId],
      ]),
  }),
  catalogCommand({
    path: ['identity', 'rename'],
    summary: 'Change your display name',
    usage: 'berth identity rename NAME',
    args: 1,
    action: (c, ctx) => c.commands.renameIdentity(ctx.args.positional.join(' ')),
    text: (i) => `You are now ${i.displayName}.`,
  }),
  catalogCommand({
    path: ['member', 'list'],
    summary: 'List people in the catalog with their roles',
    usage: 'berth member list',
    action: (c) => c.queries.members(),
    text: memberRows,
  }),
  catalogCommand({
    path: ['member', 'grant'],
    summary: 'Give someone a platform role (admin only)',
    usage: 'berth member grant MEMBER --role reviewer|admin',
    args: 1,
    flags: roleFlag,
    action: (c, ctx) => c.commands.grant({ member: arg(ctx, 0), role: requiredFlag(ctx, 'role') as 'reviewer' }),
    text: (m) => memberRows([m]),
  }),
  catalogCommand({
    path: ['member', 'revoke'],
    summary: 'Take a platform role away (admin only)',
    usage: 'berth member revoke MEMBER --role reviewer|admin',
    args: 1,
    flags: roleFlag,
    action: (c, ctx) => c.commands.grant({ member: arg(ctx, 0), role: requiredFlag(ctx, 'role') as 'reviewer' }, true),
    text: (m) => memberRows([m]),
  }),
  catalogCommand({
    path: ['workspace', 'list'],
    summary: 'List workspaces and their members',
    usage: 'berth workspace list',
    action: (c) => c.queries.workspaces(),
    text: (ws) => (ws.length ? ws.map(workspaceText).join('\n') : 'No workspaces yet.'),
  }),
  catalogCommand({
    path: ['workspace', 'create'],
    summary: 'Create a workspace; you become its isv (admin only)',
    usage: 'berth workspace create NAME [--description TEXT]',
    args: 1,
    flags: { description: { kind: 'string', description: 'what the workspace is for' } },
    action: (c, ctx) => c.commands.createWorkspace({ name: arg(ctx, 0), description: flag(ctx, 'description') }),
    text: workspaceText,
  }),
  catalogCommand({
    path: ['workspace', 'add-member'],
    summary: 'Make someone isv or member of a workspace (admin only)',
    usage: 'berth workspace add-member WORKSPACE MEMBER --role isv|member',
    args: 2,
    flags: { role: { kind: 'string', description: 'isv or member' } },
    action: (c, ctx) => c.commands.setWorkspaceMember({ workspace: arg(ctx, 0), member: arg(ctx, 1), role: requiredFlag(ctx, 'role') as 'isv' }),
    text: workspaceText,
  }),
  catalogCommand({
    path: ['workspace', 'remove-member'],
    summary: 'Remove someone from a workspace (admin only)',
    usage: 'berth workspace remove-member WORKSPACE MEMBER',
    args: 2,
    action: (c, ctx) => c.commands.setWorkspaceMember({ workspace: arg(ctx, 0), member: arg(ctx, 1) }),
    text: workspaceText,
  }),
];

export const catalogCommands: CliCommand[] = [...catalogCoreCommands, ...catalogAppCommands, ...catalogStoreCommands];
