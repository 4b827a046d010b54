import type { SignedEvent } from './event-types';

/** The files (by sha256) an event refers to: packages, icons, screenshots. Sync moves them with the event. */
export function blobsOf(event: SignedEvent): string[] {
  const d = event.body.data as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object') return [];
  const out: string[] = [];
  for (const key of ['package', 'icon', 'image']) {
    const ref = d[key] as { sha256?: unknown } | null | undefined;
    if (ref && typeof ref === 'object' && typeof ref.sha256 === 'string' && /^[0-9a-f]{64}$/.test(ref.sha256)) out.push(ref.sha256);
  }
  return out;
}
