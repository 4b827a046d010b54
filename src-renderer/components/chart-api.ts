/**
 * What the UI needs from the chart toolkit, in one place so that moving to other contract
 * calls touches only this file. Each function returns a Result like `call` does.
 */
import type { Result } from '../../shared/result';
import type { RenderedManifest } from '../../shared/types/chart';
import type { ChartCheckView, ChartFileView, ChartFinding as Finding, FolderFile as Folder } from '../../shared/types/ui';
import { call } from '../api';

export type ChartFinding = Finding;
export type FindingSeverity = Finding['severity'];
export type ChartCheck = ChartCheckView;
export type ChartFile = ChartFileView;
export type FolderFile = Folder;
export type { RenderedManifest };

/** Reads Chart.yaml and runs helm lint on a packaged chart, without saving anything. */
export function checkChartPackage(base64: string): Promise<Result<ChartCheck>> {
  return call('ui.checkChart', { packageBase64: base64 });
}

/** Packages a chart folder (as picked in the file dialog) into a .tgz, like `helm package`. */
export function packageChartFolder(files: FolderFile[]): Promise<Result<{ fileName: string; base64: string }>> {
  return call('ui.packageFolder', { files });
}

/** Every file of a stored version's chart package. */
export function chartFilesOf(versionId: string): Promise<Result<ChartFile[]>> {
  return call('ui.chartFiles', { version: versionId });
}

/** The manifests Helm would render for the version's default values. */
export function renderVersion(versionId: string): Promise<Result<RenderedManifest[]>> {
  return call('ui.renderVersion', { version: versionId });
}
