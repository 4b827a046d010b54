/**
 * Helm's engine for Berth: helm.sh/helm/v4 v4.1.4 built as a native executable
 * (src-main/render/engine/, scripts/build-engine.mjs), run as supervised sidecar processes.
 *
 * Process model: a small pool of `berth-engine __serve` processes, each answering one framed
 * request at a time over stdio (Helm's loggers are process-wide, so parallel renders need
 * parallel processes). Every call has a time limit, an output cap and a memory cap; a process
 * that passes one is killed, the pending call is answered with a sentence naming the chart and
 * the limit, and the next call gets a fresh process. The engine exits by itself when its stdin
 * closes, so it never outlives Berth.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BerthFailure } from '../../shared/result';
import { logError } from '../log';

export type EngineOperation =
  | 'template'
  | 'render'
  | 'lint'
  | 'package'
  | 'show'
  | 'version'
  | 'values'
  | 'crds'
  | 'valuereads'
  | 'crdschemas'
  | 'yamljson'
  | 'ed25519verify';

/** What the Go side returns besides stdout (src-main/render/engine/ops.go). */
export interface EngineResponse {
  /** Helm's error text, as `helm` prints it after "Error: "; or Berth's sentence when a limit stopped the engine. */
  error?: string;
  /** Warnings Helm would print on stderr. */
  stderr?: string;
  notes?: string;
  path?: string;
  /** How many items were answered (ed25519verify). */
  count?: number;
  /** Set when the engine process was stopped: which limit (or crash) ended the call. */
  stopped?: EngineStop;
}

export type EngineStop = 'timeout' | 'memory' | 'output' | 'crash';

export interface EngineReply extends EngineResponse {
  stdout: Uint8Array;
}

export interface EngineLimits {
  /** Per call, in milliseconds (default 30 s). */
  timeoutMs: number;
  /** Memory one engine process may hold, in MiB; GOMEMLIMIT is set below it. */
  maxMemoryMb: number;
  /** One call's output, in MiB. */
  maxOutputMb: number;
  /** How many engine processes may run at once. */
  processes: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = { timeoutMs: 30_000, maxMemoryMb: 1024, maxOutputMb: 64, processes: 2 };

function envNumber(name: string): number | undefined {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The limits in force: the defaults, then the environment (the same variables the engine's CLI
 * mode reads: BERTH_ENGINE_TIMEOUT_S, BERTH_ENGINE_MAX_MEMORY_MB, BERTH_ENGINE_MAX_OUTPUT_MB,
 * BERTH_ENGINE_PROCESSES), then what the caller gives (Berth's settings).
 */
export function engineLimits(given: Partial<EngineLimits> = {}): EngineLimits {
  const fromEnv: Partial<EngineLimits> = {};
  const timeout = envNumber('BERTH_ENGINE_TIMEOUT_S');
  if (timeout) fromEnv.timeoutMs = timeout * 1000;
  const memory = envNumber('BERTH_ENGINE_MAX_MEMORY_MB');
  if (memory) fromEnv.maxMemoryMb = memory;
  const output = envNumber('BERTH_ENGINE_MAX_OUTPUT_MB');
  if (output) fromEnv.maxOutputMb = output;
  const processes = envNumber('BERTH_ENGINE_PROCESSES');
  if (processes) fromEnv.processes = Math.floor(processes);
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<EngineLimits>;
  return { ...DEFAULT_ENGINE_LIMITS, ...fromEnv, ...defined };
}

const EXE = process.platform === 'win32' ? 'berth-engine.exe' : 'berth-engine';
/** electron-builder's ${os}-${arch}, as scripts/build-engine.mjs names the per-platform builds. */
const PLATFORM = `${{ win32: 'win', darwin: 'mac', linux: 'linux' }[process.platform as string] ?? process.platform}-${process.arch}`;

/**
 * The engine executable: $BERTH_ENGINE, the packaged app's resources (electron-builder
 * extraResources), dist/engine next to the bundle, from sources, or the cwd.
 */
export function enginePath(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.BERTH_ENGINE,
    resources && join(resources, 'engine', EXE),
    join(__dirname, '..', 'engine', EXE),
    join(__dirname, '..', '..', 'dist', 'engine', EXE),
    join(process.cwd(), 'dist', 'engine', EXE),
    join(__dirname, '..', 'engine', PLATFORM, EXE),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new BerthFailure('internal', 'Berth\'s render engine is not built. Run "node scripts/build.mjs engine" (it needs Go at build time).');
  }
  return found;
}

/**
 * Go's collector off while the engine's packages initialise (about a quarter of its start-up
 * CPU), marked as Berth's, so the engine turns it back on before any work and hides it from the
 * processes it starts (main.go gcAfterStart). A GOGC of the user's own wins.
 */
export function gcAtStart(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return env.GOGC === undefined ? { GOGC: 'off', BERTH_ENGINE_GC_AT_START: '1' } : {};
}

function engineEnv(limits: EngineLimits): NodeJS.ProcessEnv {
  return {
    HOME: process.env.HOME ?? tmpdir(),
    USERPROFILE: process.env.USERPROFILE,
    TMPDIR: tmpdir(),
    TEMP: process.env.TEMP,
    SystemRoot: process.env.SystemRoot,
    PATH: process.env.PATH,
    HELM_NAMESPACE: process.env.HELM_NAMESPACE,
    // The collector works harder as the soft limit nears; the hard cap ends the process.
    GOMEMLIMIT: `${Math.floor(limits.maxMemoryMb * 0.75)}MiB`,
    ...gcAtStart({}),
    BERTH_ENGINE_MAX_MEMORY_MB: String(limits.maxMemoryMb),
    BERTH_ENGINE_MAX_OUTPUT_MB: String(limits.maxOutputMb),
    // `berth install|upgrade --post-renderer NAME`: the plugin, and where helm looks for plugins
    ...(process.env.BERTH_POST_RENDERER
      ? {
          BERTH_POST_RENDERER: process.env.BERTH_POST_RENDERER,
          HELM_PLUGINS: process.env.HELM_PLUGINS,
          HELM_DATA_HOME: process.env.HELM_DATA_HOME,
          XDG_DATA_HOME: process.env.XDG_DATA_HOME,
        }
      : {}),
  };
}

export interface SidecarCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  /** One call's time limit, in milliseconds. */
  timeoutMs: number;
}

/**
 * How to start one engine sidecar outside this supervisor: the catalog's signature workers each
 * start their own for `ed25519verify` (catalog/native-verifier.ts, wired in services.ts).
 * Undefined when the engine is not built.
 */
export function engineSidecarCommand(limits: EngineLimits = engineLimits()): SidecarCommand | undefined {
  let file: string;
  try {
    file = enginePath();
  } catch {
    return undefined;
  }
  const env = Object.fromEntries(Object.entries(engineEnv(limits)).filter((e): e is [string, string] => e[1] !== undefined));
  return { file, args: ['__serve'], env, timeoutMs: limits.timeoutMs };
}

/** Exit codes the engine uses when it stopped itself (src-main/render/engine/limits.go). */
const EXIT_MEMORY = 3;

/** Which chart a request is about, for the sentence when the engine is stopped. */
function chartLabel(request: object, label?: string | (() => string)): string {
  if (typeof label === 'function') {
    try {
      return label();
    } catch {
      return 'the chart';
    }
  }
  if (label) return label;
  const r = request as { args?: string[]; paths?: string[]; chart?: string; releaseName?: string };
  const named = r.args?.at(-1) ?? r.paths?.join(', ') ?? r.chart ?? r.releaseName;
  return named ? `“${named}”` : 'the chart';
}

function stopSentence(stop: EngineStop, chart: string, limits: EngineLimits): string {
  switch (stop) {
    case 'timeout':
      return `Berth stopped Helm's engine on chart ${chart}: it ran longer than ${limits.timeoutMs / 1000} seconds, the time limit for one render (a template that never ends?).`;
    case 'memory':
      return `Berth stopped Helm's engine on chart ${chart}: it used more than ${limits.maxMemoryMb} MiB of memory, the limit for one render (a template that keeps growing?).`;
    case 'output':
      return `Berth stopped Helm's engine on chart ${chart}: its output passed ${limits.maxOutputMb} MiB, the limit for one render.`;
    case 'crash':
      return `Helm's engine stopped unexpectedly while working on chart ${chart}; Berth started a fresh one. Try again, and see the log if it happens again.`;
  }
}

interface Call {
  op: EngineOperation;
  header: Buffer;
  blob: Uint8Array;
  /** The chart the stop sentence names: worked out only when a call is stopped. */
  chart: () => string;
  resolve: (reply: EngineReply) => void;
}

type EngineChild = ChildProcessByStdio<Writable, Readable, Readable>;

/** One `berth-engine __serve` process: one call at a time, killed at the first limit passed. */
class EngineProcess {
  private readonly child: EngineChild;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private stderrTail = '';
  private call?: Call;
  private timer?: NodeJS.Timeout;
  private watchdog?: NodeJS.Timeout;
  private stop?: EngineStop;
  dead = false;

  constructor(
    file: string,
    private readonly limits: EngineLimits,
    private readonly onIdle: (p: EngineProcess) => void,
    private readonly onExit: (p: EngineProcess) => void,
  ) {
    this.child = spawn(file, ['__serve'], { stdio: ['pipe', 'pipe', 'pipe'], env: engineEnv(limits), windowsHide: true });
    this.child.stdout.on('data', (d: Buffer) => this.onData(d));
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-4096);
    });
    this.child.stdin.on('error', () => undefined); // EPIPE when the process died; its exit answers
    this.child.on('error', (e) => {
      logError('engine.spawn', e);
      this.finish('crash');
    });
    this.child.on('exit', (code, signal) => {
      if (this.stop === undefined) {
        if (code === EXIT_MEMORY || /out of memory|memory limit/.test(this.stderrTail)) this.stop = 'memory';
        else if (/stack exceeds|stack overflow/.test(this.stderrTail)) this.stop = 'crash';
        else this.stop = 'crash';
        if (this.call) logError('engine.exit', new Error(`engine exited (code ${code}, signal ${signal}) during ${this.call.op}: ${this.stderrTail}`));
      }
      this.finish(this.stop);
    });
    this.idle();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get busy(): boolean {
    return this.call !== undefined;
  }

  run(call: Call): void {
    this.call = call;
    this.active();
    const lens = Buffer.alloc(8);
    lens.writeUInt32BE(call.header.length, 0);
    lens.writeUInt32BE(call.blob.length, 4);
    this.child.stdin.write(Buffer.concat([lens, call.header, call.blob]));
    this.timer = setTimeout(() => this.kill('timeout'), this.limits.timeoutMs);
    if (process.platform === 'linux') this.watchdog = setInterval(() => this.checkRss(), 100);
  }

  kill(stop: EngineStop): void {
    if (this.dead) return;
    this.stop ??= stop;
    this.child.kill('SIGKILL');
  }

  /** The process's resident memory from outside, for memory Go's own accounting misses. */
  private checkRss(): void {
    if (this.child.pid === undefined) return;
    try {
      const pages = Number(readFileSync(`/proc/${this.child.pid}/statm`, 'utf8').split(' ')[1]);
      if (pages * 4096 > this.limits.maxMemoryMb * 1.25 * 1024 * 1024) this.kill('memory');
    } catch {
      // the process is gone; its exit answers the call
    }
  }

  private onData(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
    if (this.buffered > (this.limits.maxOutputMb * 2 + 1) * 1024 * 1024) return this.kill('output');
    if (this.buffered < 8) return;
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [all];
    const hl = all.readUInt32BE(0);
    const bl = all.readUInt32BE(4);
    if (all.length < 8 + hl + bl) return;
    const call = this.call;
    const header = JSON.parse(all.subarray(8, 8 + hl).toString('utf8')) as EngineResponse;
    const stdout = new Uint8Array(all.subarray(8 + hl, 8 + hl + bl));
    this.chunks = [];
    this.buffered = 0;
    this.clearTimers();
    this.call = undefined;
    if (header.error && /the output is larger than/.test(header.error) && call) {
      header.error = stopSentence('output', call.chart(), this.limits);
      header.stopped = 'output';
    }
    call?.resolve({ ...header, stdout });
    this.idle();
    this.onIdle(this);
  }

  private finish(stop: EngineStop): void {
    if (this.dead) return;
    this.dead = true;
    this.clearTimers();
    const call = this.call;
    this.call = undefined;
    this.onExit(this);
    if (call) call.resolve({ error: stopSentence(stop, call.chart(), this.limits), stopped: stop, stdout: new Uint8Array() });
  }

  private clearTimers(): void {
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    this.timer = undefined;
    this.watchdog = undefined;
  }

  /** An idle engine must not keep a short-lived process (the CLI) alive. */
  private idle(): void {
    this.child.unref();
    (this.child.stdout as Readable & { unref?: () => void }).unref?.();
    (this.child.stderr as Readable & { unref?: () => void }).unref?.();
    (this.child.stdin as Writable & { unref?: () => void }).unref?.();
  }

  private active(): void {
    this.child.ref();
    (this.child.stdout as Readable & { ref?: () => void }).ref?.();
  }
}

/**
 * Helm's engine as Berth uses it: one instance per process (built by Services, or by a CLI
 * command), a pool of up to `limits.processes` engine processes behind it.
 */
export class HelmEngine {
  readonly limits: EngineLimits;
  private readonly processes = new Set<EngineProcess>();
  private readonly waiting: Call[] = [];
  private file?: string;
  private closed = false;

  constructor(limits: Partial<EngineLimits> = {}) {
    this.limits = engineLimits(limits);
  }

  /**
   * Runs one Helm operation. Never rejects for the engine's sake: a limit passed or a crash is
   * answered as `error` (a sentence naming `label` or the chart in the request) with `stopped` set.
   */
  call(op: EngineOperation, request: object, blob?: Uint8Array, label?: string | (() => string)): Promise<EngineReply> {
    if (this.closed) return Promise.reject(new BerthFailure('internal', "Helm's engine was shut down with Berth."));
    this.file ??= enginePath();
    return new Promise((resolve) => {
      const header = Buffer.from(JSON.stringify({ op, request }), 'utf8');
      this.waiting.push({ op, header, blob: blob ?? new Uint8Array(), chart: () => chartLabel(request, label), resolve });
      this.dispatch();
    });
  }

  /** Starts every engine process of the pool and has each answer once, so the first renders pay nothing more. */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.limits.processes }, () => this.call('version', {})));
  }

  /** The process ids of the engine processes (tests check none outlives a kill). */
  pids(): number[] {
    return [...this.processes].map((p) => p.pid).filter((p): p is number => p !== undefined);
  }

  /** Kills the process working on a call (tests use it as a crash). */
  killBusy(): void {
    for (const p of this.processes) if (p.busy) p.kill('crash');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.processes) p.kill('crash');
    this.processes.clear();
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let free = [...this.processes].find((p) => !p.busy && !p.dead);
      if (!free && this.processes.size < this.limits.processes) free = this.spawn();
      if (!free) return;
      free.run(this.waiting.shift() as Call);
    }
  }

  private spawn(): EngineProcess {
    const p = new EngineProcess(
      this.file ?? enginePath(),
      this.limits,
      () => this.dispatch(),
      (gone) => {
        this.processes.delete(gone);
        // a fresh process for whoever waits; the next call otherwise starts one
        queueMicrotask(() => this.dispatch());
      },
    );
    this.processes.add(p);
    return p;
  }
}
