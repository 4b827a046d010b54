/**
 * Upload limits of the catalog. The catalog enforces them; the UI checks the same numbers
 * before uploading so people hear about a wrong file at once.
 */
export const MAX_SCREENSHOTS = 6;
export const ICON_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/svg+xml'];
export const SCREENSHOT_TYPES: readonly string[] = ['image/png', 'image/jpeg'];
export const MAX_ICON_BYTES = 2 * 1024 * 1024;
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
export const MAX_CHART_BYTES = 20 * 1024 * 1024;
