import type { CallName } from '../../shared/contract';
import { BerthFailure } from '../../shared/result';
import type { Services } from '../services';
import type { Handler, HandlerSlice } from './registry';

/** Catalog calls (placeholder until the catalog service lands in the next commits). */
const CATALOG_CALLS = ['session.get','identity.show','identity.rename','catalog.init','catalog.connect','catalog.disconnect','catalog.status','catalog.sync','catalog.export','catalog.import','member.list','member.grant','member.revoke','workspace.list','workspace.create','workspace.addMember','workspace.removeMember','app.list','app.create','app.get','app.updateInfo','app.setIcon','app.addScreenshot','app.removeScreenshot','app.delete','app.suspend','app.recover','version.add','version.get','version.edit','version.submit','version.cancel','version.approve','version.reject','version.release','version.suspend','version.recover','version.delete','version.package','category.list','category.create','category.rename','category.delete','store.list','store.app','review.queue','audit.list','blob.get','sync.conflicts'] as const;
type CatalogCall = (typeof CATALOG_CALLS)[number];

export function catalogHandlers(_services: Services): HandlerSlice<CatalogCall> {
  const pending = () => {
    throw new BerthFailure('catalog.not-connected', 'The catalog is not available in this build yet.');
  };
  return Object.fromEntries(CATALOG_CALLS.map((k) => [k, pending as Handler<CallName>])) as unknown as HandlerSlice<CatalogCall>;
}
