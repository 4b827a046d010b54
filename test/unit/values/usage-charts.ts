/** Hand-made chart folders for the values-usage tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A chart folder written from a map of files. */
export function chartDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-usage-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels: {{- toYaml .Values.labels | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app: web
  {{- with .Values.image }}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - image: "{{ .repository }}:{{ .tag }}"
          env:
            - name: MODE
              value: {{ index $.Values.extra "mode" | quote }}
            {{- range .env }}
            - name: {{ .name }}
            {{- end }}
  {{- end }}
  {{- if .Values.service.enabled }}
  # port {{ $.Values.service.port }}
  {{- end }}
`;

export const WEB_CHART: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'values.yaml':
    'replicaCount: 1\nimage:\n  repository: nginx\n  tag: "1.27"\n  env: []\nextra:\n  mode: a\nservice:\n  enabled: true\n  port: 80\nlabels: {}\n',
  'templates/_helpers.tpl': '{{- define "web.fullname" -}}{{ .Release.Name }}-{{ .Values.nameOverride | default .Chart.Name }}{{- end }}\n',
  'templates/deployment.yaml': DEPLOYMENT,
};
