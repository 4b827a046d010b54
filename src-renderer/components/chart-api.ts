/**
 * What the UI needs from the chart toolkit, in one place so wiring the contract's chart
 * calls touches only this file. Each function returns a Result like `call` does.
 */
import type { ChartSummary } from '../../shared/types/chart';
import type { Result } from '../../shared/result';
import type { ChartFileView } from '../../shared/types/ui';
import { call } from '../api';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface ChartFinding {
  /** Stable check id, e.g. `chart.yaml.version`. */
  id: string;
  severity: FindingSeverity;
  message: string;
  path?: string;
}

export interface ChartCheck {
  summary: ChartSummary;
  findings: ChartFinding[];
}

export type ChartFile = ChartFileView;

export interface RenderedManifest {
  /** The template that produced it, e.g. `emqx/templates/StatefulSet.yaml`. */
  source: string;
  content: string;
}

export interface FolderFile {
  path: string;
  base64: string;
}

const unavailable = <T>(): Result<T> => ({ ok: false, error: { code: 'contract.unknown-call', message: 'This chart check is not available in this build of Berth.' } });

/** Reads Chart.yaml and runs the lint checks on a packaged chart, without saving anything. */
export async function checkChartPackage(_base64: string): Promise<Result<ChartCheck>> {
  return unavailable();
}

/** Packages a chart folder (as picked in the file dialog) into a .tgz, like `helm package`. */
export async function packageChartFolder(_files: FolderFile[]): Promise<Result<{ fileName: string; base64: string }>> {
  return unavailable();
}

/** Every file of a stored version's chart package. */
export function chartFilesOf(versionId: string): Promise<Result<ChartFile[]>> {
  return call('ui.chartFiles', { version: versionId });
}

/** The manifests Helm would render for the version's default values. */
export async function renderVersion(_versionId: string): Promise<Result<RenderedManifest[]>> {
  return unavailable();
}

/** Lint and review checks of a stored version. */
export async function checkVersion(_versionId: string): Promise<Result<ChartCheck>> {
  return unavailable();
}
