/** Shapes of the "ui support" calls: compositions of existing services the renderer needs. */

/** One file of a stored version's chart package, as the review and store pages show it. */
export interface ChartFileView {
  /** Path inside the chart, relative to its top folder (e.g. `templates/service.yaml`). */
  path: string;
  size: number;
  /** UTF-8 text; absent for binary files. */
  text?: string;
}
