/**
 * Long work on the main process's event loop (a sync listing a large store, reading the
 * local log) hands the loop back every few milliseconds, so the bridge and the window keep
 * answering meanwhile: the store's first list is read from the saved view while a sync runs,
 * instead of waiting for it to end (docs/ui.md, "First screen at scale").
 *
 *   const pause = pauser();
 *   for (const x of many) { work(x); await pause(); }
 *
 * `pause()` is nearly free until a slice has passed since the last pause; then it waits for
 * one turn of the event loop (after pending I/O: requests that arrived meanwhile are served).
 */
export const SLICE_MS = 8;

export function pauser(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}
