/** What the rest of Berth needs to know about a chart package (from its Chart.yaml). */
export interface ChartMaintainer {
  name: string;
  email?: string;
  url?: string;
}

export interface ChartSummary {
  apiVersion: 'v1' | 'v2';
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type: 'application' | 'library';
  home?: string;
  icon?: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
  sources: string[];
  kubeVersion?: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  dependencies: { name: string; version: string; repository?: string; condition?: string; alias?: string }[];
}
