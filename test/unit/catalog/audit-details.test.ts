/**
 * The catalog's own audit sentences carry a detail (translation key + values) next to the
 * English message, so the History tab can say them in the reader's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import type { AuditRecord } from '../../../shared/types/catalog';
import { auditSentence } from '../../../src-renderer/components/audit-sentence';
import { resources } from '../../../src-renderer/i18n/resources';
import { cleanup, fixture, person, tempDir, type Person } from './people';

describe('catalog audit details', () => {
  const shared = tempDir('shared');
  let ada: Person;
  let records: AuditRecord[] = [];

  beforeAll(async () => {
    ada = person('Ada');
    await ada.sync.init('Details', { kind: 'folder', path: shared });
    await ada.commands.grant({ member: ada.keyId, role: 'reviewer' });
    const ws = await ada.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await ada.commands.createApp({ workspace: ws.id, chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    await ada.commands.createCategory({ name: 'IoT' });
    await ada.commands.updateInfo({ app: app.id, home: 'https://emqx.io', description: 'MQTT broker' });
    await ada.commands.setIcon({ app: app.id, image: fixture('emqx-logo.png') });
    await ada.commands.addScreenshot({ app: app.id, image: fixture('emq-dashboard.png') });
    await ada.commands.editVersion({ version: app.versions[0].id, changelog: 'First cut' });
    await ada.commands.setWorkspaceMember({ workspace: ws.id, member: ada.keyId, role: 'member' });
    records = (await ada.queries.audit({ limit: 100 })).records;
  });
  afterAll(async () => {
    await ada?.close();
    cleanup(shared, ada?.dataDir);
  });

  const row = (action: string) => records.find((r) => r.action === action && r.outcome === 'applied');

  it('records the English sentence and the same sentence as a key with values', () => {
    expect(row('catalog.genesis')).toMatchObject({ message: 'Catalog “Details” created', detail: { key: 'catalogCreated', params: { name: 'Details' } } });
    expect(row('member.grant')).toMatchObject({
      message: 'Granted reviewer to Ada',
      detail: { key: 'roleGranted', params: { role: 'reviewer', member: 'Ada' } },
    });
    expect(row('workspace.create')).toMatchObject({
      message: 'Created workspace “demo-workspace”',
      detail: { key: 'workspaceCreated', params: { name: 'demo-workspace' } },
    });
    expect(row('category.create')).toMatchObject({ message: 'Created category “IoT”', detail: { key: 'categoryCreated', params: { name: 'IoT' } } });
    expect(row('app.updateInfo')).toMatchObject({ message: 'Edited description, home', detail: { key: 'edited', params: { fields: 'description,home' } } });
    expect(row('app.setIcon')).toMatchObject({ message: 'Set the icon', detail: { key: 'iconSet', params: {} } });
    expect(row('app.addScreenshot')).toMatchObject({ message: 'Added a screenshot (1 of 6)', detail: { key: 'screenshotAdded', params: { n: 1, max: 6 } } });
    expect(row('version.edit')).toMatchObject({ message: 'Edited changelog', detail: { key: 'edited', params: { fields: 'changelog' } } });
    expect(row('workspace.addMember')).toMatchObject({
      message: 'Made Ada member of demo-workspace',
      detail: { key: 'workspaceRoleSet', params: { member: 'Ada', role: 'member', workspace: 'demo-workspace' } },
    });
  });

  it('reads every recorded detail back in English exactly as the message, and in Chinese without English left', async () => {
    const withDetail = records.filter((r) => r.detail);
    expect(withDetail.length).toBe(records.filter((r) => r.outcome === 'applied' && r.message).length);
    for (const lng of ['en', 'zh-CN'] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
      for (const r of withDetail) {
        if (lng === 'en') expect(auditSentence(i18n, r)).toBe(r.message);
        else expect(auditSentence(i18n, r)).not.toMatch(/Edited|Granted|Created|Made|Set the|Added|reviewer|member |auditDetails/);
      }
    }
  });
});
