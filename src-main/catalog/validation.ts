/** Names and lengths, with messages people can act on. */
import { MAX_CATEGORY_NAME_CHARS, MAX_CHART_BYTES, MAX_DESCRIPTION_CHARS, MAX_ICON_BYTES, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS } from '../../shared/limits';
import { BerthFailure } from '../../shared/result';

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

function invalid(message: string): never {
  throw new BerthFailure('input.invalid', message);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') invalid(`${what} must be text.`);
  return value;
}

export function validateDisplayName(value: unknown): string {
  const name = text(value, 'A display name').trim();
  if (!name) invalid('A display name cannot be empty.');
  if (name.length > LIMITS.displayName) invalid(`A display name can be at most ${LIMITS.displayName} characters long.`);
  return name;
}

export function validateCatalogName(value: unknown): string {
  const name = text(value, 'The catalog name').trim();
  if (!name) invalid('The catalog needs a name.');
  if (name.length > LIMITS.catalogName) invalid(`A catalog name can be at most ${LIMITS.catalogName} characters long.`);
  return name;
}

const WORKSPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateWorkspaceName(value: unknown): string {
  const name = text(value, 'The workspace name').trim();
  if (!WORKSPACE_NAME.test(name) || name.length > LIMITS.workspaceName) {
    invalid(
      `“${name}” is not a valid workspace name: use lowercase letters, digits and dashes (at most ${LIMITS.workspaceName}), starting and ending with a letter or digit, like demo-workspace.`,
    );
  }
  return name;
}

export function validateCategoryName(value: unknown): string {
  const name = text(value, 'The category name').trim();
  if (!name) invalid('A category needs a name.');
  if (name.length > LIMITS.categoryName) invalid(`A category name can be at most ${LIMITS.categoryName} characters long.`);
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20)) invalid('A category name cannot contain control characters.');
  return name;
}

const VERSION_NAME = /^[0-9A-Za-z][0-9A-Za-z.+_-]*$/;

export function validateVersionName(value: unknown): string {
  const name = text(value, 'The version name').trim();
  if (!name) invalid('A version needs a version name, such as 4.0.2.');
  if (name.length > LIMITS.versionName) invalid(`A version name can be at most ${LIMITS.versionName} characters long.`);
  if (!VERSION_NAME.test(name)) invalid(`“${name}” is not a valid version name: use letters, digits, dots, dashes, plus signs and underscores, like v4.0.2.`);
  return name;
}

export function validateLength(value: unknown, what: string, max: number): string {
  const t = text(value, what);
  if (t.length > max) invalid(`${what} can be at most ${max.toLocaleString('en')} characters long.`);
  return t;
}

/** KubeSphere's submit form requires a changelog (更新日志); Berth's submit does too. */
export function requireChangelog(changelog: string, versionName: string): void {
  if (changelog.trim()) return;
  throw new BerthFailure(
    'input.invalid',
    `Write a changelog for ${versionName} before submitting it: reviewers and store users read it to know what changed.`,
    undefined,
    {
      key: 'changelogRequired',
      values: { version: versionName },
    },
  );
}

export function validateRequired(value: unknown, what: string, max: number): string {
  const t = validateLength(value, what, max).trim();
  if (!t) invalid(`${what} is required.`);
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
  const home = text(value, 'The home page').trim();
  if (!home) return '';
  if (home.length > LIMITS.home) invalid('The home page address is too long.');
  let url: URL;
  try {
    url = new URL(home);
  } catch {
    invalid(`“${home}” is not a web address; use a full address starting with https://.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid('The home page must be an http:// or https:// address.');
  return home;
}
