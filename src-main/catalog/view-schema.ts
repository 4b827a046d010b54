/** The local view's tables. Bump VIEW_SCHEMA whenever they change: old views are then rebuilt from the log. */
export const VIEW_SCHEMA = '7';

/** Dropped while a rebuild inserts every audit row, then built once: much faster than keeping them up to date row by row. */
export const AUDIT_INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS audit_event ON audit (event_id);
CREATE INDEX IF NOT EXISTS audit_app ON audit (app_id, seq);
CREATE INDEX IF NOT EXISTS audit_version ON audit (version_id, seq);
CREATE INDEX IF NOT EXISTS audit_outcome ON audit (outcome, seq);
CREATE INDEX IF NOT EXISTS audit_author ON audit (author, seq);
`;

export const DROP_AUDIT_INDEXES =
  'DROP INDEX IF EXISTS audit_event; DROP INDEX IF EXISTS audit_app; DROP INDEX IF EXISTS audit_version; DROP INDEX IF EXISTS audit_outcome; DROP INDEX IF EXISTS audit_author;';

export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  -- milliseconds since 1970 (an ISO text when read): a number binds without encoding a string
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  author TEXT NOT NULL,
  author_name TEXT NOT NULL,
  role TEXT,
  app_id TEXT,
  app_name TEXT,
  version_id TEXT,
  version_name TEXT,
  from_state TEXT,
  to_state TEXT,
  message TEXT,
  detail_json TEXT,
  outcome TEXT NOT NULL,
  reason TEXT,
  superseded_by TEXT,
  superseded_author TEXT,
  superseded_name TEXT,
  sig_ok INTEGER NOT NULL
);
${AUDIT_INDEXES}
CREATE TABLE apps (
  id TEXT PRIMARY KEY,
  workspace TEXT NOT NULL,
  chart_name TEXT NOT NULL,
  state TEXT NOT NULL,
  category TEXT NOT NULL,
  store_json TEXT,
  json TEXT NOT NULL
);
CREATE INDEX apps_workspace ON apps (workspace, chart_name);
CREATE INDEX apps_category ON apps (category, state);
-- the store's listing and search scan only this narrow table, never the apps' full records
CREATE TABLE store_apps (id TEXT PRIMARY KEY, chart_name TEXT NOT NULL, category TEXT NOT NULL, search TEXT NOT NULL);
CREATE INDEX store_apps_name ON store_apps (chart_name, id);
CREATE INDEX store_apps_category ON store_apps (category, chart_name, id);
CREATE TABLE versions (id TEXT PRIMARY KEY, app_id TEXT NOT NULL, state TEXT NOT NULL, submitted_at TEXT, json TEXT NOT NULL);
CREATE INDEX versions_state ON versions (state, submitted_at);
CREATE INDEX versions_app ON versions (app_id);
CREATE TABLE categories (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE members (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE workspaces (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE heads (chain TEXT PRIMARY KEY, event TEXT NOT NULL, author TEXT NOT NULL);
`;

export const DATA_TABLES = ['audit', 'apps', 'store_apps', 'versions', 'categories', 'members', 'workspaces', 'heads'];
