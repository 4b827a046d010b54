/** Audit sentences carried as a key and values read in the reader's language; older or unknown ones fall back to the recorded text. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/types/catalog';
import { auditSentence } from '../../../src-renderer/components/audit-sentence';
import { resources } from '../../../src-renderer/i18n';

async function i18n(lng: 'en' | 'zh-CN') {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return instance;
}

const base: AuditRecord = { eventId: 'e1', seq: 1, at: '2026-11-25T12:00:00.000Z', action: 'review.comment.add', author: 'k', authorName: 'Ravi', outcome: 'applied' };
const where = { anchor: 'diff', path: 'values.yaml', line: 22 };

/** What the main process records: the English sentence and the same sentence as a key with values. */
const RECORDS: AuditRecord[] = [
  { ...base, message: 'Ravi commented on the diff of values.yaml line 22 of v4.0.2: “Pin the image tag”', detail: { key: 'commented', params: { who: 'Ravi', version: 'v4.0.2', ...where, text: 'Pin the image tag' } } },
  { ...base, message: 'Ravi resolved a comment thread on the diff of values.yaml line 22 of v4.0.2', detail: { key: 'threadResolvedOn', params: { who: 'Ravi', version: 'v4.0.2', ...where } } },
  { ...base, message: 'Ravi replied on the changelog line 3 of v4.0.2: “ok”', detail: { key: 'repliedOn', params: { who: 'Ravi', version: 'v4.0.2', anchor: 'changelog', line: 3, text: 'ok' } } },
  { ...base, message: 'Ravi cited 2 comment threads in rejecting v4.0.2', detail: { key: 'threadsCited', params: { who: 'Ravi', count: 2, version: 'v4.0.2' } } },
  { ...base, message: 'Ravi cited 1 comment thread in rejecting v4.0.2', detail: { key: 'threadsCited', params: { who: 'Ravi', count: 1, version: 'v4.0.2' } } },
  { ...base, message: 'Ravi recorded a test deploy of v4.0.2 to namespace demo: running', detail: { key: 'testDeployRunning', params: { who: 'Ravi', version: 'v4.0.2', namespace: 'demo' } } },
  { ...base, message: 'Ravi attached a provenance file (.prov) to v4.0.2', detail: { key: 'provenanceAttached', params: { who: 'Ravi', version: 'v4.0.2' } } },
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

  it('falls back to the recorded sentence without a detail, or with a key or place this Berth does not know', async () => {
    const zh = await i18n('zh-CN');
    expect(auditSentence(zh, { ...base, message: 'Edited title' })).toBe('Edited title');
    expect(auditSentence(zh, { ...base, message: 'From the future', detail: { key: 'noSuchKey', params: {} } })).toBe('From the future');
    expect(auditSentence(zh, { ...base, message: 'Somewhere new', detail: { key: 'commented', params: { who: 'R', version: 'v1', anchor: 'hologram', line: 1, text: 'x' } } })).toBe('Somewhere new');
  });
});
