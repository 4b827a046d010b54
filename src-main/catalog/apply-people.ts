/** Genesis, members and workspaces: who may do what. */
import { sentence } from '../sentences';
import type { ApplyContext } from './apply-context';
import type { CatalogState, MemberRecord } from './state';
import { displayNameOf, hasRole } from './state';
import { validateCatalogName, validateDisplayName, validateLength, validateWorkspaceName, LIMITS } from './validation';

function ensureMember(state: CatalogState, key: string): MemberRecord {
  let m = state.members.get(key);
  if (!m) {
    m = { key, displayName: '', joined: false, roles: [] };
    state.members.set(key, m);
  }
  state.dirty.members.add(key);
  return m;
}

function requireAdmin(
  ctx: ApplyContext<'member.grant' | 'member.revoke' | 'workspace.create' | 'workspace.addMember' | 'workspace.removeMember' | 'catalog.setPolicy'>,
): void {
  if (!hasRole(ctx.state, ctx.author, 'admin'))
    ctx.refuse('catalog.forbidden', 'rule.notAdmin', { name: displayNameOf(ctx.state, ctx.author) });
  ctx.audit.role = 'admin';
}

export const policyChain = 'catalog:policy';

/** An admin turns the review of published app information on or off for the whole catalog. */
export function applySetPolicy(ctx: ApplyContext<'catalog.setPolicy'>): void {
  requireAdmin(ctx);
  ctx.checkPrev(policyChain, sentence('thing.rules'));
  ctx.state.infoReview = ctx.data.infoReview;
  ctx.state.dirty.catalog = true;
  ctx.touch(policyChain);
  ctx.audit.message = ctx.data.infoReview ? 'Published app information now waits for a reviewer' : 'Published app information reaches the store at once';
  ctx.audit.detail = { key: ctx.data.infoReview ? 'infoReviewOn' : 'infoReviewOff', params: {} };
}

export function applyGenesis(ctx: ApplyContext<'catalog.genesis'>): void {
  const { state } = ctx;
  if (ctx.event.id !== state.catalogId) ctx.refuse('catalog.forbidden', 'rule.otherGenesis');
  if (state.genesisApplied) ctx.refuse('catalog.duplicate', 'rule.alreadyStarted');
  const name = validateCatalogName(ctx.data.name);
  state.genesisApplied = true;
  state.name = name;
  state.createdAt = ctx.at;
  state.dirty.catalog = true;
  const m = ensureMember(state, ctx.author);
  m.roles = ['admin'];
  if (ctx.data.displayName) {
    m.displayName = validateDisplayName(ctx.data.displayName);
    m.joined = true;
  }
  ctx.audit.role = 'admin';
  ctx.audit.message = `Catalog “${name}” created`;
  ctx.audit.detail = { key: 'catalogCreated', params: { name } };
}

export function applyJoin(ctx: ApplyContext<'member.join'>): void {
  if (!ctx.state.genesisApplied) ctx.refuse('catalog.not-connected', 'rule.notStarted');
  const name = validateDisplayName(ctx.data.displayName);
  const m = ensureMember(ctx.state, ctx.author);
  const was = m.displayName;
  m.displayName = name;
  m.joined = true;
  ctx.audit.role = 'member';
  const renamed = !!was && was !== name;
  ctx.audit.message = renamed ? `Renamed from “${was}” to “${name}”` : `Joined as “${name}”`;
  ctx.audit.detail = renamed ? { key: 'renamedSelf', params: { from: was, name } } : { key: 'joined', params: { name } };
}

export function applyGrant(ctx: ApplyContext<'member.grant'>): void {
  requireAdmin(ctx);
  const { member, role } = ctx.data;
  if (hasRole(ctx.state, member, role)) ctx.refuse('catalog.duplicate', 'rule.hasRole', { name: displayNameOf(ctx.state, member), role: sentence(`role.${role}`) });
  const m = ensureMember(ctx.state, member);
  m.roles = [...m.roles, role].sort();
  const who = displayNameOf(ctx.state, member);
  ctx.audit.message = `Granted ${role} to ${who}`;
  ctx.audit.detail = { key: 'roleGranted', params: { role, member: who } };
}

export function applyRevoke(ctx: ApplyContext<'member.revoke'>): void {
  requireAdmin(ctx);
  const { member, role } = ctx.data;
  const { state } = ctx;
  if (!hasRole(state, member, role)) ctx.refuse('catalog.wrong-state', 'rule.lacksRole', { name: displayNameOf(state, member), role: sentence(`role.${role}`) });
  if (role === 'admin' && [...state.members.values()].filter((m) => m.roles.includes('admin')).length === 1) {
    ctx.refuse('catalog.wrong-state', 'rule.lastAdmin');
  }
  const m = ensureMember(state, member);
  m.roles = m.roles.filter((r) => r !== role);
  const who = displayNameOf(state, member);
  ctx.audit.message = `Revoked ${role} from ${who}`;
  ctx.audit.detail = { key: 'roleRevoked', params: { role, member: who } };
}

export function applyWorkspaceCreate(ctx: ApplyContext<'workspace.create'>): void {
  requireAdmin(ctx);
  const { state } = ctx;
  const { workspace, description } = ctx.data;
  const name = validateWorkspaceName(ctx.data.name);
  validateLength(description, 'field.workspaceDescription', LIMITS.description);
  if (state.workspaces.has(workspace)) ctx.refuse('catalog.duplicate', 'rule.workspaceIdExists');
  for (const w of state.workspaces.values()) {
    if (w.name === name) ctx.supersede({ event: w.createdEvent, author: w.createdBy }, sentence('rule.workspaceExists', { name }), 'catalog.duplicate');
  }
  state.workspaces.set(workspace, {
    id: workspace,
    name,
    description,
    createdAt: ctx.at,
    createdBy: ctx.author,
    createdEvent: ctx.event.id,
    members: { [ctx.author]: 'isv' },
  });
  ensureMember(state, ctx.author);
  state.dirty.workspaces.add(workspace);
  ctx.audit.message = `Created workspace “${name}”`;
  ctx.audit.detail = { key: 'workspaceCreated', params: { name } };
}

export function applyWorkspaceMember(ctx: ApplyContext<'workspace.addMember' | 'workspace.removeMember'>): void {
  requireAdmin(ctx);
  const { state } = ctx;
  const data = ctx.data;
  const ws = state.workspaces.get(data.workspace);
  if (!ws) ctx.refuse('not-found', 'rule.noWorkspace');
  const who = displayNameOf(state, data.member);
  if ('role' in data) {
    if (ws.members[data.member] === data.role) ctx.refuse('catalog.duplicate', 'rule.alreadyWorkspaceRole', { name: who, role: sentence(`role.${data.role}`), workspace: ws.name });
    ws.members = { ...ws.members, [data.member]: data.role };
    ensureMember(state, data.member);
    ctx.audit.message = `Made ${who} ${data.role} of ${ws.name}`;
    ctx.audit.detail = { key: 'workspaceRoleSet', params: { member: who, role: data.role, workspace: ws.name } };
  } else {
    if (!ws.members[data.member]) ctx.refuse('catalog.wrong-state', 'rule.notWorkspaceMember', { name: who, workspace: ws.name });
    const rest = { ...ws.members };
    delete rest[data.member];
    ws.members = rest;
    state.dirty.members.add(data.member);
    ctx.audit.message = `Removed ${who} from ${ws.name}`;
    ctx.audit.detail = { key: 'workspaceMemberRemoved', params: { member: who, workspace: ws.name } };
  }
  state.dirty.workspaces.add(ws.id);
}
