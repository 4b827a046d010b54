/**
 * Helm's chart commands: `berth template|package|show|lint`.
 *
 * They are implemented once, in Helm's engine (src-main/render/engine/cli*.go, helm's flags
 * parsed there; Berth's values checks join Helm's lint findings there, values_judge.go):
 * bin/berth runs the engine directly for these words; where Node runs the CLI (bin/berth.cjs,
 * Windows without sh) they are forwarded to the same executable here.
 */
import { spawnSync } from 'node:child_process';
import { enginePath, gcAtStart } from '../../render/engine';
import type { CliCommand, CliIO } from '../command';

/** The first words bin/berth hands straight to the engine. */
export const ENGINE_WORDS: ReadonlySet<string> = new Set(['template', 'package', 'show', 'inspect', 'lint']);

/** Runs `berth-engine <argv>` as the CLI would have run it, and returns its exit code. */
export function runEngineCli(argv: string[], io: CliIO): number {
  const env = { ...process.env, ...gcAtStart() };
  const r = spawnSync(enginePath(), argv, { env, stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 1 << 30, windowsHide: true });
  if (r.error) throw r.error;
  if (r.stderr.length > 0) io.stderr(r.stderr.toString('utf8'));
  if (r.stdout.length > 0) io.stdout(r.stdout.toString('utf8'));
  return r.status ?? 1;
}

function engineCommand(path: string[], summary: string, usage: string): CliCommand {
  return { path, summary, usage, run: () => Promise.resolve(1) };
}

/** Listed in `berth --help`; runCli forwards the engine's words before parsing (helm's flags are the engine's). */
export const chartCommands: CliCommand[] = [
  engineCommand(
    ['package'],
    'Package a chart folder into a versioned chart archive, exactly as helm package does',
    'berth package <dir>... [-d outdir] [--version v] [--app-version v]',
  ),
  engineCommand(
    ['lint'],
    "Examine a chart for possible issues with Helm's lint rules and Berth's values checks",
    'berth lint <chart>... [--strict] [-f values]... [--set k=v]...',
  ),
  engineCommand(
    ['template'],
    'Render chart templates locally and print them, exactly as helm template does',
    'berth template [NAME] <chart> [--namespace ns] [-f file]... [--set k=v]... [--kube-version v] [--api-versions g/v]... [--include-crds] [--show-only path]... [--skip-tests] [--no-hooks]',
  ),
  engineCommand(['show', 'chart'], "Show the chart's definition (Chart.yaml)", 'berth show chart <chart>'),
  engineCommand(['show', 'values'], "Show the chart's values.yaml", 'berth show values <chart>'),
  engineCommand(['show', 'readme'], "Show the chart's README", 'berth show readme <chart>'),
  engineCommand(['show', 'crds'], "Show the chart's CRDs", 'berth show crds <chart>'),
  engineCommand(['show', 'all'], 'Show all information of the chart', 'berth show all <chart>'),
];
