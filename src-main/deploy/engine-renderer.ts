/** Deploy's renderer in the app: Helm's own engine, compiled to WebAssembly (src-main/render). */
import { renderChart } from '../render/render';
import type { ChartRenderer } from './render-release';

export const engineRenderer: ChartRenderer = async (req) => {
  const result = await renderChart(
    { archive: req.chart },
    {
      releaseName: req.release.name,
      namespace: req.release.namespace,
      // JSON is YAML: the values travel as one inline values document.
      valuesYaml: [JSON.stringify(req.values)],
      kubeVersion: req.capabilities.kubeVersion,
      apiVersions: req.capabilities.apiVersions,
      isUpgrade: req.release.isUpgrade,
    },
  );
  // Back to engine.Render's shape: one entry per template, its documents joined again.
  const files: Record<string, string> = {};
  for (const m of result.manifests) {
    files[m.source] = files[m.source] === undefined ? m.content : `${files[m.source]}\n---\n${m.content}`;
  }
  return { files, notes: result.notes };
};
