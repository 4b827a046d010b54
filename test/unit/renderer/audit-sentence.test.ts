/** Audit sentences carried as a key and values read in the reader's language; older or unknown ones fall back to the recorded text. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/types/catalog';
import { auditSentence } from '../../../src-renderer/components/audit-sentence';
import { resources } from '../../../src-renderer/i18n/resources';

async function i18n(lng: 'en' | 'zh-CN') {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return instance;
}

const base: AuditRecord = {
  eventId: 'e1',
  seq: 1,
  at: '2026-11-25T12:00:00.000Z',
  action: 'review.comment.add',
  author: 'k',
  authorName: 'Ravi',
  outcome: 'applied',
};
const where = { anchor: 'diff', path: 'values.yaml', line: 22 };

/** What the main process records: the English sentence and the same sentence as a key with values. */
const RECORDS: AuditRecord[] = [
  {
    ...base,
    message: 'Ravi commented on the diff of values.yaml line 22 of v4.0.2: “Pin the image tag”',
    detail: { key: 'commented', params: { who: 'Ravi', version: 'v4.0.2', ...where, text: 'Pin the image tag' } },
  },
  {
    ...base,
    message: 'Ravi resolved a comment thread on the diff of values.yaml line 22 of v4.0.2',
    detail: { key: 'threadResolvedOn', params: { who: 'Ravi', version: 'v4.0.2', ...where } },
  },
  {
    ...base,
    message: 'Ravi replied on the changelog line 3 of v4.0.2: “ok”',
    detail: { key: 'repliedOn', params: { who: 'Ravi', version: 'v4.0.2', anchor: 'changelog', line: 3, text: 'ok' } },
  },
  {
    ...base,
    message: 'Ravi cited 2 comment threads in rejecting v4.0.2',
    detail: { key: 'threadsCited', params: { who: 'Ravi', count: 2, version: 'v4.0.2' } },
  },
  {
    ...base,
    message: 'Ravi cited 1 comment thread in rejecting v4.0.2',
    detail: { key: 'threadsCited', params: { who: 'Ravi', count: 1, version: 'v4.0.2' } },
  },
  {
    ...base,
    message: 'Ravi recorded a test deploy of v4.0.2 to namespace demo: running',
    detail: { key: 'testDeployRunning', params: { who: 'Ravi', version: 'v4.0.2', namespace: 'demo' } },
  },
  { ...base, message: 'Ravi attached a provenance file (.prov) to v4.0.2', detail: { key: 'provenanceAttached', params: { who: 'Ravi', version: 'v4.0.2' } } },
];

/** The catalog's own sentences (apps, versions, categories, people), as apply-*.ts records them. */
const CATALOG_RECORDS: AuditRecord[] = [
  { ...base, message: 'Edited description, home', detail: { key: 'edited', params: { fields: 'description,home' } } },
  { ...base, message: 'Edited versionName, changelog, package', detail: { key: 'edited', params: { fields: 'versionName,changelog,package' } } },
  { ...base, message: 'Edited nothing', detail: { key: 'editedNothing', params: {} } },
  { ...base, message: 'Set the icon', detail: { key: 'iconSet', params: {} } },
  { ...base, message: 'Removed the icon', detail: { key: 'iconRemoved', params: {} } },
  { ...base, message: 'Added a screenshot (2 of 6)', detail: { key: 'screenshotAdded', params: { n: 2, max: 6 } } },
  { ...base, message: 'Removed a screenshot', detail: { key: 'screenshotRemoved', params: {} } },
  { ...base, message: 'Created category “IoT”', detail: { key: 'categoryCreated', params: { name: 'IoT' } } },
  { ...base, message: 'Renamed category “IoT” to “Edge”', detail: { key: 'categoryRenamed', params: { from: 'IoT', name: 'Edge' } } },
  { ...base, message: 'Deleted category “Edge”', detail: { key: 'categoryDeleted', params: { name: 'Edge' } } },
  { ...base, message: 'Catalog “Team”” created', detail: { key: 'catalogCreated', params: { name: 'Team”' } } },
  { ...base, message: 'Joined as “Ravi”', detail: { key: 'joined', params: { name: 'Ravi' } } },
  { ...base, message: 'Renamed from “Ravi” to “Ravi K”', detail: { key: 'renamedSelf', params: { from: 'Ravi', name: 'Ravi K' } } },
  { ...base, message: 'Granted reviewer to Ravi', detail: { key: 'roleGranted', params: { role: 'reviewer', member: 'Ravi' } } },
  { ...base, message: 'Revoked admin from Ravi', detail: { key: 'roleRevoked', params: { role: 'admin', member: 'Ravi' } } },
  { ...base, message: 'Created workspace “demo-workspace”', detail: { key: 'workspaceCreated', params: { name: 'demo-workspace' } } },
  {
    ...base,
    message: 'Made Ravi isv of demo-workspace',
    detail: { key: 'workspaceRoleSet', params: { member: 'Ravi', role: 'isv', workspace: 'demo-workspace' } },
  },
  { ...base, message: 'Removed Ravi from demo-workspace', detail: { key: 'workspaceMemberRemoved', params: { member: 'Ravi', workspace: 'demo-workspace' } } },
];

describe('audit sentences', () => {
  it('reads in English exactly as the main process wrote it', async () => {
    const en = await i18n('en');
    for (const r of RECORDS) expect(auditSentence(en, r)).toBe(r.message);
  });

  it('reads in Simplified Chinese, with what the person wrote kept as written', async () => {
    const zh = await i18n('zh-CN');
    expect(auditSentence(zh, RECORDS[0])).toBe('Ravi 评论了 v4.0.2 的差异中 values.yaml 第 22 行：“Pin the image tag”');
    expect(auditSentence(zh, RECORDS[1])).toBe('Ravi 解决了 v4.0.2 的差异中 values.yaml 第 22 行上的评论串');
    for (const r of RECORDS) expect(auditSentence(zh, r)).not.toMatch(/\{\{|auditDetails|commented|resolved|cited/);
  });

  it('reads the catalog’s own sentences in English exactly as recorded', async () => {
    const en = await i18n('en');
    for (const r of CATALOG_RECORDS) expect(auditSentence(en, r)).toBe(r.message);
  });

  it('reads the catalog’s own sentences in Simplified Chinese, role and field names included', async () => {
    const zh = await i18n('zh-CN');
    const said = (key: string) =>
      auditSentence(
        zh,
        CATALOG_RECORDS.find((r) => r.detail?.key === key)!,
      );
    expect(said('workspaceRoleSet')).toBe('将 Ravi 设为 demo-workspace 的应用供应商');
    expect(said('roleGranted')).toBe('授予 Ravi 审核员角色');
    expect(said('edited')).toBe('编辑了描述、主页');
    expect(said('screenshotAdded')).toBe('添加了一张截图（2/6）');
    expect(said('categoryRenamed')).toBe('将分类“IoT”重命名为“Edge”');
    for (const r of CATALOG_RECORDS) expect(auditSentence(zh, r)).not.toMatch(/\{\{|auditDetails|[A-Za-z]{3,} [a-z]{2,}|reviewer|isv|description/);
  });

  it('falls back to the recorded sentence when a role or field is one this Berth does not know', async () => {
    const zh = await i18n('zh-CN');
    expect(
      auditSentence(zh, { ...base, message: 'Granted auditor to Ravi', detail: { key: 'roleGranted', params: { role: 'auditor', member: 'Ravi' } } }),
    ).toBe('Granted auditor to Ravi');
    expect(auditSentence(zh, { ...base, message: 'Edited home, badge', detail: { key: 'edited', params: { fields: 'home,badge' } } })).toBe(
      'Edited home, badge',
    );
  });

  it('falls back to the recorded sentence without a detail, or with a key or place this Berth does not know', async () => {
    const zh = await i18n('zh-CN');
    expect(auditSentence(zh, { ...base, message: 'Edited title' })).toBe('Edited title');
    expect(auditSentence(zh, { ...base, message: 'From the future', detail: { key: 'noSuchKey', params: {} } })).toBe('From the future');
    expect(
      auditSentence(zh, {
        ...base,
        message: 'Somewhere new',
        detail: { key: 'commented', params: { who: 'R', version: 'v1', anchor: 'hologram', line: 1, text: 'x' } },
      }),
    ).toBe('Somewhere new');
  });
});
