/**
 * Checks the UI runs before uploading, so people hear about a wrong file at once. The
 * catalog enforces the same limits (shared/limits.ts) again; these only save a round trip.
 */
import { ICON_TYPES, MAX_ICON_BYTES, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS, SCREENSHOT_TYPES } from '../../../shared/limits';

export { ICON_TYPES, MAX_CHART_BYTES, MAX_SCREENSHOTS, SCREENSHOT_TYPES } from '../../../shared/limits';

export type FileProblem = { key: 'wrongType' | 'tooLarge' | 'tooMany'; limit?: string };

export function checkImage(file: File, kind: 'icon' | 'screenshot', existing = 0): FileProblem | undefined {
  const types = kind === 'icon' ? ICON_TYPES : SCREENSHOT_TYPES;
  if (!types.includes(file.type)) return { key: 'wrongType', limit: kind === 'icon' ? 'PNG, JPEG, SVG' : 'PNG, JPEG' };
  const max = kind === 'icon' ? MAX_ICON_BYTES : MAX_SCREENSHOT_BYTES;
  if (file.size > max) return { key: 'tooLarge', limit: `${max / 1024 / 1024} MB` };
  if (kind === 'screenshot' && existing >= MAX_SCREENSHOTS) return { key: 'tooMany', limit: String(MAX_SCREENSHOTS) };
  return undefined;
}

export function isChartArchive(file: File): boolean {
  return /\.(tgz|tar\.gz)$/i.test(file.name);
}
