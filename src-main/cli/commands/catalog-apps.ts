/** `berth app …` and `berth version …`: the ISV's side of the lifecycle, and the reviewer's decisions. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AppDetail, VersionSummary } from '../../../shared/types/catalog';
import { BerthFailure } from '../../../shared/result';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { arg, catalogCommand, fileBase64, flag, requiredFlag, runWithServices, table } from './catalog-cli-kit';

export function appText(a: AppDetail): string {
  const head = table([
    ['app:', `${a.chartName} (${a.id})`],
    ['workspace:', a.workspaceName],
    [
      'state:',
      a.state +
        (a.infoLocked ? ' — info locked while a version is in review' : '') +
        (a.storeCopyOutdated ? ' — info changes reach the store at the next release or recover' : ''),
    ],
    ['category:', a.categoryName],
    ['description:', a.description || '-'],
    ['home:', a.info.home || '-'],
    ['icon:', a.info.icon ? `${a.info.icon.mediaType} ${a.info.icon.sha256.slice(0, 12)}` : '-'],
    ['screenshots:', String(a.info.screenshots.length)],
    ['latest:', a.latestVersion ?? '-'],
  ]);
  return head + '\n' + versionRows(a.versions);
}

function versionRows(vs: VersionSummary[]): string {
  if (vs.length === 0) return 'No versions.';
  return table([
    ['VERSION', 'STATE', 'ID', 'UPDATED', 'NOTE'],
    ...vs.map((v) => [v.name, v.state, v.id, v.updatedAt.slice(0, 19), v.rejectReason ? `rejected: ${v.rejectReason}` : '']),
  ]);
}

function versionText(v: VersionSummary): string {
  return `Version ${v.name} (${v.id}) is ${v.state}.${v.rejectReason ? ` Reason: ${v.rejectReason}` : ''}`;
}

const versionFlags = {
  'version-name': { kind: 'string', description: 'the version name (default: the chart version)' },
  changelog: { kind: 'string', description: 'what changed in this version' },
} as const;

const messageFlag = { message: { kind: 'string', description: 'a note for the audit trail' } } as const;

function versionAction(verb: 'cancel' | 'approve' | 'release' | 'suspend' | 'recover' | 'delete', summary: string): CliCommand {
  return catalogCommand({
    path: ['version', verb],
    summary,
    usage: `berth version ${verb} VERSION [--message TEXT]   (VERSION: an id or APP@VERSION-NAME)`,
    args: 1,
    flags: messageFlag,
    action: (c, ctx) => c.commands.versionAction(`version.${verb}`, { version: arg(ctx, 0), message: flag(ctx, 'message') }),
    text: versionText,
  });
}

/** `berth version approve`: as the UI approves, with the images' digests locked in the approval. */
function approveCommand(): CliCommand {
  const usage = 'berth version approve VERSION [--message TEXT]   (VERSION: an id or APP@VERSION-NAME)';
  return {
    path: ['version', 'approve'],
    summary: 'Approve a submitted version (reviewer); the digests of its images are locked in the approval',
    usage,
    flags: messageFlag,
    run: (ctx) => runWithServices(ctx, { usage, args: 1 }, (s) => s.imageLocks.approve({ version: arg(ctx, 0), message: flag(ctx, 'message') }), versionText),
  };
}

export const catalogAppCommands: CliCommand[] = [
  catalogCommand({
    path: ['app', 'list'],
    summary: 'List the apps of your workspaces (all apps for reviewers)',
    usage: 'berth app list [--workspace W]',
    flags: { workspace: { kind: 'string', description: 'only this workspace' } },
    action: (c, ctx) => c.queries.apps(flag(ctx, 'workspace')),
    text: (apps) =>
      apps.length === 0
        ? 'No apps yet.'
        : table([['APP', 'STATE', 'LATEST', 'WORKSPACE', 'ID'], ...apps.map((a) => [a.chartName, a.state, a.latestVersion ?? '-', a.workspaceName, a.id])]),
  }),
  catalogCommand({
    path: ['app', 'create'],
    summary: 'Create an app from a chart package; its first version is a draft (isv)',
    usage: 'berth app create --chart CHART.tgz --workspace W [--category C]',
    flags: {
      chart: { kind: 'string', description: 'the chart package (.tgz)' },
      workspace: { kind: 'string', description: 'the workspace' },
      category: { kind: 'string', description: 'category id or name' },
    },
    action: (c, ctx) =>
      c.commands.createApp({
        workspace: requiredFlag(ctx, 'workspace'),
        chart: fileBase64(requiredFlag(ctx, 'chart'), 'the chart package'),
        category: flag(ctx, 'category'),
      }),
    text: appText,
  }),
  catalogCommand({
    path: ['app', 'show'],
    summary: 'Show an app with all its versions',
    usage: 'berth app show APP',
    args: 1,
    action: (c, ctx) => c.queries.app(arg(ctx, 0)),
    text: appText,
  }),
  catalogCommand({
    path: ['app', 'edit'],
    summary: 'Edit app info: description, introduction, home page, category (isv; category also reviewer)',
    usage: 'berth app edit APP [--description T] [--introduction-file README.md] [--home URL] [--category C]',
    args: 1,
    flags: {
      description: { kind: 'string', description: 'one-line description' },
      introduction: { kind: 'string', description: 'introduction (markdown)' },
      'introduction-file': { kind: 'string', description: 'read the introduction from a markdown file' },
      home: { kind: 'string', description: 'home page URL' },
      category: { kind: 'string', description: 'category id or name' },
    },
    action: (c, ctx) => {
      const file = flag(ctx, 'introduction-file');
      let introduction = flag(ctx, 'introduction');
      if (file !== undefined) {
        try {
          introduction = readFileSync(file, 'utf8');
        } catch {
          throw new BerthFailure('input.invalid', `Cannot read ${file}.`);
        }
      }
      return c.commands.updateInfo({
        app: arg(ctx, 0),
        description: flag(ctx, 'description'),
        introduction,
        home: flag(ctx, 'home'),
        category: flag(ctx, 'category'),
      });
    },
    text: appText,
  }),
  catalogCommand({
    path: ['app', 'icon'],
    summary: 'Set (or --remove) the app icon: PNG, JPEG or SVG (isv)',
    usage: 'berth app icon APP [ICON-FILE | --remove]',
    args: 1,
    flags: { remove: { kind: 'bool', description: 'remove the icon' } },
    action: (c, ctx) => {
      const file = arg(ctx, 1);
      if (!file && !ctx.args.bools.remove) throw new UsageError('give an icon file or --remove');
      return c.commands.setIcon({ app: arg(ctx, 0), image: ctx.args.bools.remove ? null : fileBase64(file, 'the icon') });
    },
    text: appText,
  }),
  catalogCommand({
    path: ['app', 'screenshot'],
    summary: 'Add a screenshot (PNG/JPEG, at most 6) or remove one by its sha256 (isv)',
    usage: 'berth app screenshot APP (--add FILE | --remove SHA256)',
    args: 1,
    flags: { add: { kind: 'string', description: 'screenshot file to add' }, remove: { kind: 'string', description: 'sha256 of the screenshot to remove' } },
    action: (c, ctx) => {
      const add = flag(ctx, 'add');
      const remove = flag(ctx, 'remove');
      if ((add === undefined) === (remove === undefined)) throw new UsageError('give exactly one of --add FILE or --remove SHA256');
      return add !== undefined
        ? c.commands.addScreenshot({ app: arg(ctx, 0), image: fileBase64(add, 'the screenshot') })
        : c.commands.removeScreenshot({ app: arg(ctx, 0), sha256: remove! });
    },
    text: appText,
  }),
  catalogCommand({
    path: ['app', 'delete'],
    summary: 'Delete an app that has no versions left (isv)',
    usage: 'berth app delete APP',
    args: 1,
    action: (c, ctx) => c.commands.deleteApp({ app: arg(ctx, 0) }),
    text: (r) => `Deleted app ${r.deleted}.`,
  }),
  catalogCommand({
    path: ['app', 'suspend'],
    summary: 'Take every active version of an app off the store (reviewer)',
    usage: 'berth app suspend APP [--message TEXT]',
    args: 1,
    flags: messageFlag,
    action: (c, ctx) => c.commands.suspendOrRecoverApp({ app: arg(ctx, 0), message: flag(ctx, 'message') }, false),
    text: appText,
  }),
  catalogCommand({
    path: ['app', 'recover'],
    summary: 'Put every suspended version of an app back in the store (reviewer)',
    usage: 'berth app recover APP [--message TEXT]',
    args: 1,
    flags: messageFlag,
    action: (c, ctx) => c.commands.suspendOrRecoverApp({ app: arg(ctx, 0), message: flag(ctx, 'message') }, true),
    text: appText,
  }),
  catalogCommand({
    path: ['version', 'add'],
    summary: 'Add a new version to an app from a chart package; it starts as a draft (isv)',
    usage: 'berth version add APP --chart CHART.tgz [--version-name V] [--changelog TEXT]',
    args: 1,
    flags: { chart: { kind: 'string', description: 'the chart package (.tgz)' }, ...versionFlags },
    action: (c, ctx) =>
      c.commands.addVersion({
        app: arg(ctx, 0),
        chart: fileBase64(requiredFlag(ctx, 'chart'), 'the chart package'),
        versionName: flag(ctx, 'version-name'),
        changelog: flag(ctx, 'changelog'),
      }),
    text: versionText,
  }),
  catalogCommand({
    path: ['version', 'show'],
    summary: 'Show one version',
    usage: 'berth version show VERSION',
    args: 1,
    action: (c, ctx) => c.queries.version(arg(ctx, 0)),
    text: (v) => `${versionText(v)}\nchart version: ${v.chartVersion}\npackage: ${v.package.sha256}\nchangelog: ${v.changelog || '-'}`,
  }),
  catalogCommand({
    path: ['version', 'edit'],
    summary: 'Change a draft or rejected version: package, version name, changelog (isv)',
    usage: 'berth version edit VERSION [--chart CHART.tgz] [--version-name V] [--changelog TEXT]',
    args: 1,
    flags: { chart: { kind: 'string', description: 'a new chart package' }, ...versionFlags },
    action: (c, ctx) => {
      const chart = flag(ctx, 'chart');
      return c.commands.editVersion({
        version: arg(ctx, 0),
        chart: chart === undefined ? undefined : fileBase64(chart, 'the chart package'),
        versionName: flag(ctx, 'version-name'),
        changelog: flag(ctx, 'changelog'),
      });
    },
    text: versionText,
  }),
  catalogCommand({
    path: ['version', 'submit'],
    summary: 'Submit a version for review, with its version name and changelog (isv)',
    usage: 'berth version submit VERSION [--version-name V] [--changelog TEXT] [--message TEST-NOTES]',
    args: 1,
    flags: { ...versionFlags, ...messageFlag },
    action: (c, ctx) =>
      c.commands.submitVersion({
        version: arg(ctx, 0),
        versionName: flag(ctx, 'version-name'),
        changelog: flag(ctx, 'changelog'),
        message: flag(ctx, 'message'),
      }),
    text: versionText,
  }),
  versionAction('cancel', 'Withdraw a submitted version from review (isv)'),
  approveCommand(),
  catalogCommand({
    path: ['version', 'reject'],
    summary: 'Reject a submitted version with a reason (reviewer)',
    usage: 'berth version reject VERSION --reason TEXT',
    args: 1,
    flags: { reason: { kind: 'string', description: 'what the isv must fix' } },
    action: (c, ctx) => c.commands.rejectVersion({ version: arg(ctx, 0), reason: requiredFlag(ctx, 'reason') }),
    text: versionText,
  }),
  versionAction('release', 'Release an approved version to the store (isv)'),
  versionAction('suspend', 'Take an active version off the store (reviewer)'),
  versionAction('recover', 'Put a suspended version back in the store (reviewer)'),
  versionAction('delete', 'Delete a draft, passed, rejected or suspended version (isv)'),
  catalogCommand({
    path: ['version', 'package'],
    summary: 'Save a version’s chart package; --purpose store is refused unless it is released',
    usage: 'berth version package VERSION --output FILE [--purpose store|test]',
    args: 1,
    flags: { output: { kind: 'string', description: 'where to save the .tgz' }, purpose: { kind: 'string', description: 'store (default) or test' } },
    action: async (c, ctx) => {
      const purpose = flag(ctx, 'purpose') ?? 'store';
      if (purpose !== 'store' && purpose !== 'test') throw new UsageError('--purpose is store or test');
      const pkg = await c.queries.versionPackage(arg(ctx, 0), purpose);
      const output = requiredFlag(ctx, 'output');
      writeFileSync(output, Buffer.from(pkg.base64, 'base64'));
      return { path: output, fileName: pkg.fileName, sha256: pkg.sha256, size: pkg.size };
    },
    text: (r) => `Saved ${r.fileName} (${r.size} bytes, sha256 ${r.sha256.slice(0, 12)}) to ${r.path}.`,
  }),
];
