/**
 * Helm's engine for Berth: helm.sh/helm/v4 v4.1.4 compiled to WebAssembly (see
 * src-main/render/engine/ and scripts/build-engine.mjs). It is loaded once per process, lazily,
 * on the first call; calls run one at a time because Helm reports warnings through process-wide
 * loggers.
 *
 * Two hosts: `inline` runs Go in this thread (the CLI: fastest start), `worker` in a worker
 * thread (the app: a long render never blocks the main process).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInThisContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { BerthFailure } from '../../shared/result';
import { ENGINE_BOOT_JS, ENGINE_WORKER_JS } from './engine-boot';

export type EngineOperation = 'template' | 'render' | 'lint' | 'package' | 'show' | 'version' | 'values' | 'crds' | 'valuereads';

/** What the Go side returns besides stdout (src-main/render/engine/ops.go). */
export interface EngineResponse {
  /** Helm's error text, as `helm` prints it after "Error: ". */
  error?: string;
  /** Warnings Helm would print on stderr. */
  stderr?: string;
  notes?: string;
  path?: string;
}

export interface EngineReply extends EngineResponse {
  stdout: Uint8Array;
}

interface GoEngine {
  call(op: string, request: string, blob?: Uint8Array): Promise<[string, Uint8Array]>;
}

export type EngineHost = 'inline' | 'worker';

/** dist/engine, from the bundled CLI (dist/main), from sources (src-main/render) or the cwd. */
export function engineDir(): string {
  const candidates = [
    process.env.BERTH_ENGINE_DIR,
    join(__dirname, '..', 'engine'),
    join(__dirname, '..', '..', 'dist', 'engine'),
    join(process.cwd(), 'dist', 'engine'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'helm-engine.wasm')) && existsSync(join(d, 'wasm_exec.js')));
  if (!found) {
    throw new BerthFailure('internal', 'Berth\'s render engine is not built. Run "node scripts/build.mjs engine" (it needs Go at build time).');
  }
  return found;
}

function goEnv(): Record<string, string> {
  return {
    HOME: process.env.HOME ?? tmpdir(),
    TMPDIR: tmpdir(),
    // Rendering allocates many short-lived objects; collecting less often is faster in WebAssembly.
    GOGC: process.env.BERTH_ENGINE_GOGC ?? '400',
  };
}

export class HelmEngine {
  private engine?: Promise<GoEngine>;
  private queue: Promise<unknown> = Promise.resolve();
  private worker?: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: [string, Uint8Array]) => void; reject: (e: Error) => void }>();

  /**
   * `oneShot` suits a short-lived process (the CLI): V8 then compiles each wasm function once,
   * on first use, with its baseline compiler, instead of also optimizing hot code in the
   * background — which costs a one-shot run several times more CPU than it saves.
   */
  constructor(
    private readonly host: EngineHost = 'inline',
    private readonly oneShot = false,
  ) {}

  /** Runs one Helm operation; calls are queued so they never overlap. */
  call(op: EngineOperation, request: object, blob?: Uint8Array): Promise<EngineReply> {
    const run = async (): Promise<EngineReply> => {
      const engine = await this.start();
      const [json, stdout] = await engine.call(op, JSON.stringify(request), blob);
      return { ...(JSON.parse(json) as EngineResponse), stdout };
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Loads the engine now (it otherwise loads on the first call). */
  warmUp(): Promise<void> {
    return this.start().then(() => undefined);
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
    this.engine = undefined;
  }

  private start(): Promise<GoEngine> {
    this.engine ??= this.host === 'worker' ? this.startWorker() : this.startInline();
    return this.engine;
  }

  private async startInline(): Promise<GoEngine> {
    if (this.oneShot) setFlagsFromString('--liftoff-only --wasm-lazy-compilation');
    const boot = runInThisContext(ENGINE_BOOT_JS) as (req: NodeRequire, dir: string, env: Record<string, string>) => Promise<GoEngine>;
    // Only node: built-ins are required, so any base path will do (this also works under ESM).
    return boot(createRequire(join(process.cwd(), 'berth-engine.js')), engineDir(), goEnv());
  }

  private async startWorker(): Promise<GoEngine> {
    const worker = new Worker(ENGINE_WORKER_JS, { eval: true, workerData: { dir: engineDir(), env: goEnv() } });
    worker.unref();
    worker.on('message', (msg: { id: number; json?: string; stdout?: Uint8Array; failure?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.failure !== undefined) p.reject(new Error(msg.failure));
      else p.resolve([msg.json ?? '{}', msg.stdout ?? new Uint8Array()]);
    });
    worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.engine = undefined;
    });
    this.worker = worker;
    return {
      call: (op, request, blob) =>
        new Promise((resolve, reject) => {
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          worker.ref();
          worker.postMessage({ id, op, request, blob });
        }).finally(() => {
          if (this.pending.size === 0) worker.unref();
        }) as Promise<[string, Uint8Array]>,
    };
  }
}

let shared: HelmEngine | undefined;

/** The process-wide engine; the first caller chooses how it runs (the CLI asks for `oneShot`). */
export function sharedEngine(options: { oneShot?: boolean } = {}): HelmEngine {
  shared ??= new HelmEngine('inline', options.oneShot === true);
  return shared;
}

let app: HelmEngine | undefined;

/** The app's engine (Electron and browser mode): Go runs in a worker thread, loaded on first use. */
export function appEngine(): HelmEngine {
  app ??= new HelmEngine('worker');
  return app;
}
