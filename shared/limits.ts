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
/** Lengths the catalog refuses beyond; the UI counts towards them as people type. */
export const MAX_DESCRIPTION_CHARS = 1000;
export const MAX_CATEGORY_NAME_CHARS = 40;
/** Icons are shown at 72 pixels or less: a bigger raster only costs every member's sync. */
export const MAX_ICON_SIDE = 2048;
