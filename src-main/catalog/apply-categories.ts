/** Categories: store filters managed by reviewers; `uncategorized` always exists. */
import { sentence } from '../sentences';
import type { ApplyContext } from './apply-context';
import { requireReviewer } from './apply-apps';
import type { CategoryRecord } from './state';
import { categoryInUse } from './state';
import { LIMITS, validateCategoryName, validateLength } from './validation';

export const categoryChain = (id: string) => `category:${id}`;

function requireUniqueName(ctx: ApplyContext<'category.create' | 'category.rename'>, name: string, self?: string): void {
  for (const c of ctx.state.categories.values()) {
    if (!c.deleted && c.id !== self && c.name.toLowerCase() === name.toLowerCase()) {
      const by = c.createdEvent ? ctx.state.heads.get(categoryChain(c.id)) : undefined;
      if (by) ctx.supersede(by, sentence('rule.categoryExists', { name: c.name }), 'catalog.duplicate');
      ctx.refuse('catalog.duplicate', 'rule.categoryExists', { name: c.name });
    }
  }
}

function findCategory(ctx: ApplyContext<'category.rename' | 'category.delete'>, id: string): CategoryRecord {
  const c = ctx.state.categories.get(id);
  if (!c) ctx.refuse('not-found', 'rule.noCategory');
  if (c.deleted) ctx.supersede(ctx.state.heads.get(categoryChain(id)), sentence('rule.categoryDeleted', { name: c.name }), 'not-found');
  if (c.builtIn) ctx.refuse('catalog.wrong-state', 'rule.builtInCategory', { name: c.name });
  return c;
}

export function applyCategoryCreate(ctx: ApplyContext<'category.create'>): void {
  requireReviewer(ctx);
  const name = validateCategoryName(ctx.data.name);
  const description = validateLength(ctx.data.description, 'field.categoryDescription', LIMITS.description);
  if (ctx.state.categories.has(ctx.data.category)) ctx.refuse('catalog.duplicate', 'rule.categoryIdExists');
  requireUniqueName(ctx, name);
  ctx.state.categories.set(ctx.data.category, { id: ctx.data.category, name, description, builtIn: false, deleted: false, createdEvent: ctx.event.id });
  ctx.state.dirty.categories.add(ctx.data.category);
  ctx.touch(categoryChain(ctx.data.category));
  ctx.audit.message = `Created category “${name}”`;
  ctx.audit.detail = { key: 'categoryCreated', params: { name } };
}

export function applyCategoryRename(ctx: ApplyContext<'category.rename'>): void {
  requireReviewer(ctx);
  const c = findCategory(ctx, ctx.data.category);
  ctx.checkPrev(categoryChain(c.id), sentence('thing.category', { name: c.name }));
  const name = validateCategoryName(ctx.data.name);
  requireUniqueName(ctx, name, c.id);
  ctx.audit.message = `Renamed category “${c.name}” to “${name}”`;
  ctx.audit.detail = { key: 'categoryRenamed', params: { from: c.name, name } };
  c.name = name;
  ctx.state.dirty.categories.add(c.id);
  ctx.touch(categoryChain(c.id));
}

export function applyCategoryDelete(ctx: ApplyContext<'category.delete'>): void {
  requireReviewer(ctx);
  const c = findCategory(ctx, ctx.data.category);
  ctx.checkPrev(categoryChain(c.id), sentence('thing.category', { name: c.name }));
  const user = categoryInUse(ctx.state, c.id);
  if (user) ctx.refuse('catalog.in-use', 'rule.categoryInUse', { name: c.name, app: user.chartName });
  c.deleted = true;
  c.deletedEvent = ctx.event.id;
  ctx.state.dirty.categories.add(c.id);
  ctx.touch(categoryChain(c.id));
  ctx.audit.message = `Deleted category “${c.name}”`;
  ctx.audit.detail = { key: 'categoryDeleted', params: { name: c.name } };
}
