/** Shapes of the "ui support" calls: compositions of existing services the renderer needs. */
import type { ChartSummary } from './chart';

/** One file of a stored version's chart package, as the review and store pages show it. */
export interface ChartFileView {
  /** Path inside the chart, relative to its top folder (e.g. `templates/service.yaml`). */
  path: string;
  size: number;
  /** UTF-8 text; absent for binary files. */
  text?: string;
}

/** One result of checking a chart before it is saved. */
export interface ChartFinding {
  /** Stable id of the check that raised it, e.g. `helm-lint`. */
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The file or folder it points at, as Helm names it (e.g. `templates/`). */
  path?: string;
}

/** What the create/add dialogs show before anything is saved. */
export interface ChartCheckView {
  summary: ChartSummary;
  findings: ChartFinding[];
}

/** A file of a chart folder picked in the UI, path relative to the picked folder's parent. */
export interface FolderFile {
  path: string;
  base64: string;
}
