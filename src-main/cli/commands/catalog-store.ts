/** `berth category|store|review|audit …`: what store users browse and what reviewers work through. */
import type { AuditRecord, EventOutcome } from '../../../shared/types/catalog';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { arg, catalogCommand, flag, table } from './catalog-cli-kit';

const OUTCOMES: EventOutcome[] = ['applied', 'refused', 'superseded', 'unknown'];

export function auditRows(records: AuditRecord[]): string {
  return table([
    ['WHEN', 'WHO', 'ROLE', 'ACTION', 'APP', 'VERSION', 'FROM→TO', 'OUTCOME', 'MESSAGE'],
    ...records.map((r) => [
      r.at.slice(0, 19).replace('T', ' '),
      r.authorName,
      r.role ?? '-',
      r.action,
      r.appName ?? '',
      r.versionName ?? '',
      r.from || r.to ? `${r.from ?? '∅'}→${r.to ?? ''}` : '',
      r.outcome + (r.supersededBy ? ` by ${r.supersededBy.authorName}` : ''),
      [r.message, r.reason].filter(Boolean).join(' — '),
    ]),
  ]);
}

export const catalogStoreCommands: CliCommand[] = [
  catalogCommand({
    path: ['category', 'list'],
    summary: 'List categories with their app counts',
    usage: 'berth category list',
    action: (c) => c.queries.categories(),
    text: (cs) => table([['CATEGORY', 'APPS', 'IN STORE', 'ID'], ...cs.map((x) => [x.name, String(x.appCount), String(x.activeAppCount), x.id])]),
  }),
  catalogCommand({
    path: ['category', 'create'],
    summary: 'Create a category (reviewer)',
    usage: 'berth category create NAME [--description TEXT]',
    args: 1,
    flags: { description: { kind: 'string', description: 'what belongs here' } },
    action: (c, ctx) => c.commands.createCategory({ name: ctx.args.positional.join(' '), description: flag(ctx, 'description') }),
    text: (x) => `Created category ${x.name} (${x.id}).`,
  }),
  catalogCommand({
    path: ['category', 'rename'],
    summary: 'Rename a category (reviewer)',
    usage: 'berth category rename CATEGORY NEW-NAME',
    args: 2,
    action: (c, ctx) => c.commands.renameCategory({ category: arg(ctx, 0), name: ctx.args.positional.slice(1).join(' ') }),
    text: (x) => `The category is now called ${x.name}.`,
  }),
  catalogCommand({
    path: ['category', 'delete'],
    summary: 'Delete an empty category (reviewer)',
    usage: 'berth category delete CATEGORY',
    args: 1,
    action: (c, ctx) => c.commands.deleteCategory({ category: arg(ctx, 0) }),
    text: (r) => `Deleted category ${r.deleted}.`,
  }),
  catalogCommand({
    path: ['store', 'list'],
    summary: 'Browse the store: released apps by category, or search by name, description, keywords',
    usage: 'berth store list [--category C] [--search WORDS] [--limit N] [--offset N]',
    flags: {
      category: { kind: 'string', description: 'category id or name' },
      search: { kind: 'string', description: 'words to look for' },
      limit: { kind: 'string', description: 'page size (default 50)' },
      offset: { kind: 'string', description: 'skip this many' },
    },
    action: (c, ctx) =>
      c.queries.store({
        category: flag(ctx, 'category'),
        search: flag(ctx, 'search'),
        limit: flag(ctx, 'limit') === undefined ? undefined : Number(flag(ctx, 'limit')),
        offset: flag(ctx, 'offset') === undefined ? undefined : Number(flag(ctx, 'offset')),
      }),
    text: (s) =>
      [
        `Categories: ${s.categories.map((x) => `${x.name} (${x.activeAppCount})`).join(', ')}`,
        '',
        s.apps.length === 0
          ? 'No apps in the store match.'
          : table([
              ['APP', 'LATEST', 'CATEGORY', 'DESCRIPTION'],
              ...s.apps.map((a) => [a.chartName, a.latestVersion, a.categoryName, a.description]),
            ]).trimEnd(),
        `${s.total} app(s).`,
      ].join('\n'),
  }),
  catalogCommand({
    path: ['store', 'show'],
    summary: 'Show an app as the store shows it (released versions only)',
    usage: 'berth store show APP',
    args: 1,
    action: (c, ctx) => c.queries.storeApp(arg(ctx, 0)),
    text: (a) =>
      table([
        ['app:', a.chartName],
        ['latest:', a.latestVersion],
        ['category:', a.categoryName],
        ['description:', a.description],
        ['home:', a.home || '-'],
        ['versions:', a.versions.map((v) => v.name).join(', ')],
        ['maintainers:', a.maintainers.map((m) => m.name).join(', ') || '-'],
      ]),
  }),
  catalogCommand({
    path: ['review', 'queue'],
    summary: 'List versions waiting for review (reviewer)',
    usage: 'berth review queue',
    action: (c) => c.queries.reviewQueue(),
    text: (q) =>
      q.length === 0
        ? 'Nothing is waiting for review.'
        : table([
            ['APP', 'VERSION', 'SUBMITTED', 'BY', 'PREVIOUS', 'VERSION ID'],
            ...q.map((i) => [i.app.chartName, i.version.name, i.submittedAt.slice(0, 19), i.submittedBy, i.previousVersion?.name ?? '-', i.version.id]),
          ]),
  }),
  catalogCommand({
    path: ['audit'],
    summary: 'Show the audit trail: who did what, in which role, when, from→to',
    usage: 'berth audit [--app APP] [--version V] [--outcome applied|refused|superseded|unknown] [--limit N]',
    flags: {
      app: { kind: 'string', description: 'one app (id or name)' },
      version: { kind: 'string', description: 'one version id' },
      author: { kind: 'string', description: 'one person (key id)' },
      outcome: { kind: 'string', description: 'applied, refused, superseded or unknown' },
      limit: { kind: 'string', description: 'how many, newest first (default 200)' },
    },
    action: (c, ctx) => {
      const outcome = flag(ctx, 'outcome') as EventOutcome | undefined;
      if (outcome && !OUTCOMES.includes(outcome)) throw new UsageError(`--outcome is one of ${OUTCOMES.join(', ')}`);
      return c.queries.audit({
        app: flag(ctx, 'app'),
        version: flag(ctx, 'version'),
        author: flag(ctx, 'author'),
        outcome,
        limit: flag(ctx, 'limit') === undefined ? undefined : Number(flag(ctx, 'limit')),
      });
    },
    text: (p) => auditRows(p.records) + `${p.records.length} of ${p.total} record(s).`,
  }),
];
