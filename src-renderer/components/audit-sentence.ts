import type { i18n as I18n } from 'i18next';
import type { AuditDetail, AuditRecord } from '../../shared/types/catalog';

type AuditDetailKey = 'auditDetails.commented';

/** Translated `role` and `fields` params, or undefined when this Berth does not know one of them. */
function namedParams(i18n: I18n, params: AuditDetail['params']): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (params.role !== undefined) {
    const key = `auditDetails.roles.${params.role}`;
    if (!i18n.exists(key)) return undefined;
    out.role = i18n.t(key as 'auditDetails.roles.isv');
  }
  if (params.fields !== undefined) {
    const keys = String(params.fields).split(',').map((f) => `auditDetails.fields.${f}`);
    if (!keys.every((k) => i18n.exists(k))) return undefined;
    out.fields = keys.map((k) => i18n.t(k as 'auditDetails.fields.home')).join(i18n.t('auditDetails.fieldSeparator'));
  }
  return out;
}

/**
 * An audit record's sentence in the reader's language when it carries a detail this Berth can
 * translate (see AuditDetail), else the sentence as recorded (English, or from a newer Berth).
 */
export function auditSentence(i18n: I18n, r: AuditRecord): string | undefined {
  const d = r.detail;
  if (!d || !i18n.exists(`auditDetails.${d.key}`, d.params)) return r.message;
  const anchorKey = d.params.anchor === undefined ? undefined : `auditDetails.anchors.${d.params.anchor}`;
  if (anchorKey && !i18n.exists(anchorKey)) return r.message;
  const named = namedParams(i18n, d.params);
  if (!named) return r.message;
  const where = anchorKey ? i18n.t(anchorKey as 'auditDetails.anchors.file', d.params) : undefined;
  const sentence = i18n.t(`auditDetails.${d.key}` as AuditDetailKey, { ...d.params, ...named, where });
  // what the person wrote stays as written
  return d.params.text === undefined ? sentence : i18n.t('auditDetails.withText', { sentence, text: d.params.text });
}
