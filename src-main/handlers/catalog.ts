import { FirstScreenGate } from '../first-screen';
import type { Services } from '../services';
import { need } from './input';
import type { HandlerSlice } from './registry';

type CatalogCall =
  | 'session.get'
  | 'identity.show'
  | 'identity.rename'
  | `catalog.${'init' | 'connect' | 'disconnect' | 'status' | 'sync' | 'export' | 'import' | 'setPolicy'}`
  | `member.${'list' | 'grant' | 'revoke'}`
  | `workspace.${'list' | 'create' | 'addMember' | 'removeMember'}`
  | `app.${'list' | 'create' | 'get' | 'updateInfo' | 'setIcon' | 'addScreenshot' | 'removeScreenshot' | 'delete' | 'suspend' | 'recover' | 'publishInfo' | 'reviewInfo'}`
  | `version.${'add' | 'get' | 'edit' | 'submit' | 'cancel' | 'approve' | 'reject' | 'release' | 'suspend' | 'recover' | 'delete' | 'package' | 'imageCheck'}`
  | `category.${'list' | 'create' | 'rename' | 'delete'}`
  | 'store.list'
  | 'store.app'
  | 'review.queue'
  | 'review.infoRequests'
  | 'audit.list'
  | 'blob.get'
  | 'sync.conflicts'
  | 'sync.integrity';

/** Contract calls of the catalog: identity, catalog and sync, people, apps, versions, categories, store, review, audit. */
export function catalogHandlers(services: Services): HandlerSlice<CatalogCall> {
  const c = () => services.catalog;
  // a sync asked as the window starts waits until its first list is in (first-screen.ts)
  const firstScreen = new FirstScreenGate(services.host === 'cli');
  return {
    'session.get': () => c().queries.session(),
    'identity.show': () => c().queries.identity(),
    'identity.rename': (r) => c().commands.renameIdentity(r.displayName),
    'catalog.init': (r) => services.sync.init(r.name, r.store),
    'catalog.connect': (r) => services.sync.connect(r.store),
    'catalog.disconnect': () => services.sync.disconnect(),
    'catalog.status': () => services.sync.catalogStatus(),
    'catalog.sync': async () => {
      await firstScreen.ready();
      return services.sync.sync();
    },
    'catalog.export': (r) => services.sync.exportTo(r.path),
    'catalog.import': (r) => services.sync.importFrom(r.path),
    'catalog.setPolicy': (r) => c().commands.setPolicy(r),
    'member.list': () => c().queries.members(),
    'member.grant': (r) => c().commands.grant(r),
    'member.revoke': (r) => c().commands.grant(r, true),
    'workspace.list': () => c().queries.workspaces(),
    'workspace.create': (r) => c().commands.createWorkspace(r),
    'workspace.addMember': (r) => c().commands.setWorkspaceMember(r),
    'workspace.removeMember': (r) => c().commands.setWorkspaceMember({ workspace: r.workspace, member: r.member }),
    'app.list': (r) => c().queries.apps(r.workspace),
    'app.create': (r) => c().commands.createApp(r),
    'app.get': (r) => c().queries.app(r.app),
    'app.updateInfo': (r) => c().commands.updateInfo(r),
    'app.setIcon': (r) => c().commands.setIcon(r),
    'app.publishInfo': (r) => c().commands.publishInfo(r),
    'app.reviewInfo': (r) => c().commands.reviewInfo(r),
    'app.addScreenshot': (r) => c().commands.addScreenshot(r),
    'app.removeScreenshot': (r) => c().commands.removeScreenshot(r),
    'app.delete': (r) => c().commands.deleteApp(r),
    'app.suspend': (r) => c().commands.suspendOrRecoverApp(r, false),
    'app.recover': (r) => c().commands.suspendOrRecoverApp(r, true),
    'version.add': (r) => c().commands.addVersion(r),
    'version.get': (r) => c().queries.version(r.version),
    'version.edit': (r) => c().commands.editVersion(r),
    'version.submit': (r) => c().commands.submitVersion(r, { requireChangelog: true }),
    'version.cancel': (r) => c().commands.versionAction('version.cancel', r),
    'version.approve': (r) => services.imageLocks.approve(r),
    'version.imageCheck': (r) => services.imageLocks.check(need(r.version, 'version')),
    'version.reject': (r) => c().commands.rejectVersion(r),
    'version.release': (r) => c().commands.versionAction('version.release', r),
    'version.suspend': (r) => c().commands.versionAction('version.suspend', r),
    'version.recover': (r) => c().commands.versionAction('version.recover', r),
    'version.delete': (r) => c().commands.versionAction('version.delete', r),
    'version.package': (r) => c().queries.versionPackage(r.version, r.purpose),
    'category.list': () => c().queries.categories(),
    'category.create': (r) => c().commands.createCategory(r),
    'category.rename': (r) => c().commands.renameCategory(r),
    'category.delete': (r) => c().commands.deleteCategory(r),
    'store.list': async (r) => {
      try {
        return await c().queries.store(r);
      } finally {
        firstScreen.listServed();
      }
    },
    'store.app': (r) => c().queries.storeApp(r.app),
    'review.queue': () => c().queries.reviewQueue(),
    'review.infoRequests': () => c().queries.infoRequests(),
    'audit.list': (r) => c().queries.audit(r),
    'blob.get': (r) => c().queries.blob(r.sha256),
    'sync.conflicts': (r) => c().queries.conflicts(r.limit),
    'sync.integrity': () => c().queries.integrity(),
  };
}
