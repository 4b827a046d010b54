/**
 * Shape checks for event data read from untrusted stores: replay must never trip over
 * a hand-written or truncated event, it refuses it instead.
 */
import type { EventType } from './event-types';
import { isKeyId } from './signing';

type Data = Record<string, unknown>;
type Check = (d: Data) => boolean;

const str = (v: unknown) => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
const id = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(v);
const sha = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const obj = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const platformRole = (v: unknown) => v === 'reviewer' || v === 'admin';
const workspaceRole = (v: unknown) => v === 'isv' || v === 'member';

function blobRef(v: unknown): boolean {
  return obj(v) && sha(v.sha256) && typeof v.size === 'number' && Number.isInteger(v.size) && v.size >= 0 && str(v.mediaType);
}

function chartFacts(v: unknown): boolean {
  if (!obj(v) || !str(v.name) || !str(v.version) || !optStr(v.appVersion) || !optStr(v.description) || !optStr(v.home)) return false;
  if (!Array.isArray(v.keywords) || !v.keywords.every(str)) return false;
  return Array.isArray(v.maintainers) && v.maintainers.every((m) => obj(m) && str(m.name) && optStr(m.email) && optStr(m.url));
}

function submittedTestDeploy(v: unknown): boolean {
  return obj(v) && ['running', 'failed', 'pending', 'none'].includes(String(v.outcome)) && optStr(v.release) && optStr(v.namespace) && optStr(v.at);
}

const versionAction: Check = (d) => id(d.version) && optStr(d.message);

/** At most 500 images, each a reference with a sha256 digest or the reason it has none. */
function imageLocks(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v) || v.length > 500) return false;
  const digest = (x: unknown) => x === undefined || (typeof x === 'string' && /^sha256:[0-9a-f]{64}$/.test(x));
  return v.every(
    (i) => obj(i) && str(i.image) && i.image.length <= 512 && digest(i.digest) && optStr(i.reason) && (i.reason === undefined || i.reason.length <= 1000),
  );
}
const appAction: Check = (d) => id(d.app) && optStr(d.message);

const SHAPES: Record<EventType, Check> = {
  'catalog.genesis': (d) => str(d.name) && str(d.nonce) && optStr(d.displayName),
  'catalog.setPolicy': (d) => typeof d.infoReview === 'boolean',
  'member.join': (d) => str(d.displayName),
  'member.grant': (d) => isKeyId(d.member) && platformRole(d.role),
  'member.revoke': (d) => isKeyId(d.member) && platformRole(d.role) && (d.seal === undefined || (obj(d.seal) && (d.seal.last === null || sha(d.seal.last)))),
  'workspace.create': (d) => id(d.workspace) && str(d.name) && str(d.description),
  'workspace.addMember': (d) => id(d.workspace) && isKeyId(d.member) && workspaceRole(d.role),
  'workspace.removeMember': (d) => id(d.workspace) && isKeyId(d.member),
  'app.create': (d) =>
    id(d.app) && id(d.workspace) && id(d.category) && id(d.version) && str(d.versionName) && str(d.changelog) && chartFacts(d.chart) && blobRef(d.package),
  'app.updateInfo': (d) =>
    id(d.app) &&
    obj(d.patch) &&
    optStr(d.patch.description) &&
    optStr(d.patch.introduction) &&
    optStr(d.patch.home) &&
    (d.patch.category === undefined || id(d.patch.category)),
  'app.setIcon': (d) => id(d.app) && (d.icon === null || blobRef(d.icon)),
  'app.addScreenshot': (d) => id(d.app) && blobRef(d.image),
  'app.removeScreenshot': (d) => id(d.app) && sha(d.sha256),
  'app.delete': (d) => id(d.app),
  'app.suspend': appAction,
  'app.recover': appAction,
  'app.publishInfo': (d) => id(d.app),
  'app.reviewInfo': (d) => id(d.app) && typeof d.approve === 'boolean' && optStr(d.reason),
  'version.add': (d) => id(d.app) && id(d.version) && str(d.versionName) && str(d.changelog) && chartFacts(d.chart) && blobRef(d.package),
  'version.edit': (d) =>
    id(d.version) &&
    optStr(d.versionName) &&
    optStr(d.changelog) &&
    (d.chart === undefined || chartFacts(d.chart)) &&
    (d.package === undefined || blobRef(d.package)) &&
    (d.chart === undefined) === (d.package === undefined),
  'version.submit': (d) =>
    id(d.version) && optStr(d.versionName) && optStr(d.changelog) && optStr(d.message) && (d.testDeploy === undefined || submittedTestDeploy(d.testDeploy)),
  'version.cancel': versionAction,
  'version.approve': (d) => versionAction(d) && imageLocks(d.images),
  'version.reject': (d) => id(d.version) && str(d.reason),
  'version.release': versionAction,
  'version.suspend': versionAction,
  'version.recover': versionAction,
  'version.delete': versionAction,
  'category.create': (d) => id(d.category) && str(d.name) && str(d.description),
  'category.rename': (d) => id(d.category) && str(d.name),
  'category.delete': (d) => id(d.category),
};

export function hasValidShape(type: EventType, data: unknown): boolean {
  return obj(data) && SHAPES[type](data);
}
