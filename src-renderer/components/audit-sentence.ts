import type { i18n as I18n } from 'i18next';
import type { AuditRecord } from '../../shared/types/catalog';

type AuditDetailKey = 'auditDetails.commented';

/**
 * An audit record's sentence in the reader's language when it carries a detail this Berth can
 * translate (see AuditDetail), else the sentence as recorded (English, or from a newer Berth).
 */
export function auditSentence(i18n: I18n, r: AuditRecord): string | undefined {
  const d = r.detail;
  if (!d || !i18n.exists(`auditDetails.${d.key}`, d.params)) return r.message;
  const anchorKey = d.params.anchor === undefined ? undefined : `auditDetails.anchors.${d.params.anchor}`;
  if (anchorKey && !i18n.exists(anchorKey)) return r.message;
  const where = anchorKey ? i18n.t(anchorKey as 'auditDetails.anchors.file', d.params) : undefined;
  const sentence = i18n.t(`auditDetails.${d.key}` as AuditDetailKey, { ...d.params, where });
  // what the person wrote stays as written
  return d.params.text === undefined ? sentence : i18n.t('auditDetails.withText', { sentence, text: d.params.text });
}
