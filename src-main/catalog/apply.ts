/**
 * Replay: applies one event to the state, in the order every machine agrees on.
 * An event takes effect only if its signature holds, it belongs to this catalog, its
 * author had the role at that point, nobody changed the same thing concurrently, and
 * the lifecycle allows it. Otherwise it is kept, with no effect, as refused or superseded.
 */
import type { EventOutcome } from '../../shared/types/catalog';
import { BerthFailure, type ErrorCode, type Sentence } from '../../shared/result';
import { ApplyContext, RuleFailure, type AuditFields } from './apply-context';
import {
  applyAddScreenshot,
  applyAppCreate,
  applyAppDelete,
  applyAppSuspendOrRecover,
  applyRemoveScreenshot,
  applySetIcon,
  applyPublishInfo,
  applyReviewInfo,
  applyUpdateInfo,
} from './apply-apps';
import { applyCategoryCreate, applyCategoryDelete, applyCategoryRename } from './apply-categories';
import { applyGenesis, applyGrant, applyJoin, applyRevoke, applySetPolicy, applyWorkspaceCreate, applyWorkspaceMember } from './apply-people';
import { applySimpleVersionAction, applyVersionAdd, applyVersionEdit, applyVersionReject, applyVersionSubmit } from './apply-versions';
import { hasValidShape } from './event-shapes';
import { EVENT_FORMAT, isKnownType, type EventType, type SignedEvent } from './event-types';
import { describeExtension, extensionType } from './extensions';
import type { CatalogState, Head } from './state';

export interface ApplyOutcome {
  outcome: EventOutcome;
  code?: ErrorCode;
  reason?: string;
  /** The refusal in the reader's language, when the rule that refused it gives one. */
  say?: Sentence;
  supersededBy?: Head;
  audit: AuditFields;
}

type Handler = (ctx: ApplyContext<EventType>) => void;

const HANDLERS: Record<EventType, Handler> = {
  'catalog.genesis': applyGenesis as Handler,
  'catalog.setPolicy': applySetPolicy as Handler,
  'member.join': applyJoin as Handler,
  'member.grant': applyGrant as Handler,
  'member.revoke': applyRevoke as Handler,
  'workspace.create': applyWorkspaceCreate as Handler,
  'workspace.addMember': applyWorkspaceMember as Handler,
  'workspace.removeMember': applyWorkspaceMember as Handler,
  'app.create': applyAppCreate as Handler,
  'app.updateInfo': applyUpdateInfo as Handler,
  'app.setIcon': applySetIcon as Handler,
  'app.addScreenshot': applyAddScreenshot as Handler,
  'app.removeScreenshot': applyRemoveScreenshot as Handler,
  'app.delete': applyAppDelete as Handler,
  'app.suspend': applyAppSuspendOrRecover as Handler,
  'app.recover': applyAppSuspendOrRecover as Handler,
  'app.publishInfo': applyPublishInfo as Handler,
  'app.reviewInfo': applyReviewInfo as Handler,
  'version.add': applyVersionAdd as Handler,
  'version.edit': applyVersionEdit as Handler,
  'version.submit': applyVersionSubmit as Handler,
  'version.cancel': applySimpleVersionAction as Handler,
  'version.approve': applySimpleVersionAction as Handler,
  'version.reject': applyVersionReject as Handler,
  'version.release': applySimpleVersionAction as Handler,
  'version.suspend': applySimpleVersionAction as Handler,
  'version.recover': applySimpleVersionAction as Handler,
  'version.delete': applySimpleVersionAction as Handler,
  'category.create': applyCategoryCreate as Handler,
  'category.rename': applyCategoryRename as Handler,
  'category.delete': applyCategoryDelete as Handler,
};

/**
 * `signatureProblem` is the result of checkSignature, computed by the caller so that
 * rebuilding can verify signatures in bulk (and in parallel) before replaying.
 */
export function applyEvent(state: CatalogState, event: SignedEvent, signatureProblem: string | undefined): ApplyOutcome {
  if (signatureProblem) return { outcome: 'refused', code: 'catalog.forbidden', reason: signatureProblem, audit: {} };
  const { type, catalog, v } = event.body;
  if (type === 'catalog.genesis' ? catalog !== '' : catalog !== state.catalogId) {
    return { outcome: 'refused', code: 'catalog.forbidden', reason: 'It belongs to a different catalog.', audit: {} };
  }
  const extension = v > EVENT_FORMAT || isKnownType(type) ? undefined : extensionType(type);
  if (extension) return applyExtension(extension, state, event);
  if (v > EVENT_FORMAT || !isKnownType(type)) {
    return { outcome: 'unknown', reason: 'It was written by a newer Berth; it is kept and passed on.', audit: {} };
  }
  if (!hasValidShape(type, event.body.data)) return { outcome: 'refused', code: 'input.invalid', reason: `Its ${type} data is malformed.`, audit: {} };
  const ctx = new ApplyContext(state, event as SignedEvent<EventType>);
  try {
    HANDLERS[type](ctx);
    return { outcome: 'applied', audit: ctx.audit };
  } catch (e) {
    if (e instanceof RuleFailure && e.supersededBy) return { ...refusedBy(e, ctx.audit), outcome: 'superseded', supersededBy: e.supersededBy };
    if (e instanceof RuleFailure || e instanceof BerthFailure) return refusedBy(e, ctx.audit);
    throw e;
  }
}

/** A registered extension event: checked and described, never changing the catalog state. */
function applyExtension(extension: NonNullable<ReturnType<typeof extensionType>>, state: CatalogState, event: SignedEvent): ApplyOutcome {
  if (!extension.hasShape(event.body.data))
    return { outcome: 'refused', code: 'input.invalid', reason: `Its ${event.body.type} data is malformed.`, audit: {} };
  try {
    return { outcome: 'applied', audit: describeExtension(extension, state, event) };
  } catch (e) {
    if (e instanceof RuleFailure || e instanceof BerthFailure) return refusedBy(e, {});
    throw e;
  }
}

/** A rule's refusal as an outcome: its code, the English reason and the sentence the UI says. */
function refusedBy(e: RuleFailure | BerthFailure, audit: AuditFields): ApplyOutcome {
  return { outcome: 'refused', code: e.code, reason: e.message, ...(e.say ? { say: e.say } : {}), audit };
}
