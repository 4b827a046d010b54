/** Names and lengths, with messages people can act on. */
import { MAX_CATEGORY_NAME_CHARS, MAX_CHART_BYTES, MAX_DESCRIPTION_CHARS, MAX_ICON_BYTES, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS } from '../../shared/limits';
import type { Sentence } from '../../shared/result';
import { refusal, sentence, type SentenceKey } from '../sentences';

export const LIMITS = {
  displayName: 64,
  catalogName: 80,
  workspaceName: 63,
  categoryName: MAX_CATEGORY_NAME_CHARS,
  versionName: 64,
  description: MAX_DESCRIPTION_CHARS,
  introduction: 100_000,
  changelog: 20_000,
  reason: 4000,
  message: 4000,
  home: 2000,
  screenshots: MAX_SCREENSHOTS,
  iconBytes: MAX_ICON_BYTES,
  screenshotBytes: MAX_SCREENSHOT_BYTES,
  packageBytes: MAX_CHART_BYTES,
} as const;

function invalid(key: SentenceKey, values?: Record<string, string | number | Sentence>): never {
  throw refusal('input.invalid', key, values);
}

/** `what` names the field as a phrase (`sentences.field.*`), said at the start of the sentence. */
function text(value: unknown, what: SentenceKey): string {
  if (typeof value !== 'string') invalid('input.notText', { what: sentence(what) });
  return value;
}

export function validateDisplayName(value: unknown): string {
  const name = text(value, 'field.displayName').trim();
  if (!name) invalid('input.displayNameEmpty');
  if (name.length > LIMITS.displayName) tooLong('field.displayName', LIMITS.displayName);
  return name;
}

export function validateCatalogName(value: unknown): string {
  const name = text(value, 'field.catalogName').trim();
  if (!name) invalid('input.catalogNameEmpty');
  if (name.length > LIMITS.catalogName) tooLong('field.catalogName', LIMITS.catalogName);
  return name;
}

const WORKSPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateWorkspaceName(value: unknown): string {
  const name = text(value, 'field.workspaceName').trim();
  if (!WORKSPACE_NAME.test(name) || name.length > LIMITS.workspaceName) invalid('input.badWorkspaceName', { name, max: LIMITS.workspaceName });
  return name;
}

export function validateCategoryName(value: unknown): string {
  const name = text(value, 'field.categoryName').trim();
  if (!name) invalid('input.categoryNameEmpty');
  if (name.length > LIMITS.categoryName) tooLong('field.categoryName', LIMITS.categoryName);
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20)) invalid('input.controlCharacters');
  return name;
}

const VERSION_NAME = /^[0-9A-Za-z][0-9A-Za-z.+_-]*$/;

export function validateVersionName(value: unknown): string {
  const name = text(value, 'field.versionName').trim();
  if (!name) invalid('input.versionNameEmpty');
  if (name.length > LIMITS.versionName) tooLong('field.versionName', LIMITS.versionName);
  if (!VERSION_NAME.test(name)) invalid('input.badVersionName', { name });
  return name;
}

function tooLong(what: SentenceKey, max: number): never {
  invalid('input.tooLong', { what: sentence(what), max: max.toLocaleString('en') });
}

/** `what` names the field (`field.changelog`, …). */
export function validateLength(value: unknown, what: SentenceKey, max: number): string {
  const t = text(value, what);
  if (t.length > max) tooLong(what, max);
  return t;
}

/** KubeSphere's submit form requires a changelog (更新日志); Berth's submit does too. */
export function requireChangelog(changelog: string, versionName: string): void {
  if (changelog.trim()) return;
  throw refusal('input.invalid', 'changelogRequired', { version: versionName });
}

export function validateRequired(value: unknown, what: SentenceKey, max: number): string {
  const t = validateLength(value, what, max).trim();
  if (!t) invalid('input.required', { what: sentence(what) });
  return t;
}

/** An http(s) address, the only kind shown as a link (a Chart.yaml `home: javascript:…` is not one). */
export function isWebAddress(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > LIMITS.home) return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function validateHome(value: unknown): string {
  const home = text(value, 'field.homePage').trim();
  if (!home) return '';
  if (home.length > LIMITS.home) invalid('input.homeTooLong');
  let url: URL;
  try {
    url = new URL(home);
  } catch {
    invalid('input.notWebAddress', { home });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid('input.homeProtocol');
  return home;
}
