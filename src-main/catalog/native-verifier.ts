/**
 * A native Ed25519 verifier the catalog's worker threads may use for large batches (a first
 * sight of a log, a large pull): Berth's engine sidecar and its `ed25519verify` operation
 * (src-main/render/engine/ed25519_verify.go). The catalog never imports the engine: the
 * composition root (src-main/services.ts) says how to start it, and each worker thread starts
 * one process of its own, so both cores verify while the main thread replays. Node's own
 * `crypto.verify` answers whatever the engine does not (missing, dead, timed out, garbled).
 */

/** How a worker thread starts the verifier: plain data, since it crosses to the worker. */
export interface NativeVerifierCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  /** One frame's answer may take this long before the process is killed and Node verifies the rest. */
  timeoutMs: number;
}

/** What one batch's workers did with the native verifier (for the log and for tests). */
export interface NativeReport {
  /** Signatures the native verifier answered (its refusals are checked again by Node). */
  answered: number;
  /** Signatures Node verified because the native verifier could not answer them. */
  fallback: number;
  /** Why the native verifier stopped answering, when it did (one line per worker). */
  problems: string[];
}

export interface NativeVerifier {
  /** The command, worked out when a large batch first needs it; undefined when there is none (not built). */
  command(): NativeVerifierCommand | undefined;
  /** Told after each batch that used it. */
  report?(report: NativeReport): void;
}
