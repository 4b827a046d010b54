/**
 * Named steps of committing and syncing where the crash tests stop a Berth process dead,
 * as SQLite's crash tests do: with BERTH_CRASH_AT=<step> in its environment the process
 * kills itself with SIGKILL on reaching that step, so nothing after it (no finally, no
 * flush) runs. Without the variable this is one comparison.
 */
export type CrashPoint =
  | 'commit.queued' // the event is in the outbox, not yet in the log
  | 'commit.logged' // the event is in the log, the view not yet saved
  | 'sync.blobs-pushed' // blobs are in the store, events not yet
  | 'sync.events-pushed' // events are in the store, the outbox not yet emptied
  | 'sync.pulled' // events read from the store, not yet logged here
  | 'sync.ingested'; // pulled events logged, the cursor not yet saved

export function crashPoint(step: CrashPoint): void {
  if (process.env.BERTH_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}
