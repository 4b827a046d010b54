/**
 * The Content-Security-Policy for Berth's UI, in Electron and in browser mode alike.
 * Scripts only from the app itself; styles allow inline because the component
 * library sets CSS variables through a <style> element; images may be data:/blob:
 * (icons and screenshots are handed over as data) but never remote.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
