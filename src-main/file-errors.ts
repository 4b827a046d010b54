import { BerthFailure } from '../shared/result';

/** The errno of a failed file operation, if it has one. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * Turns a failed file operation into a sentence that says what happened and what to do,
 * so a person never sees "ENOSPC: no space left on device, write". `place` names where,
 * in the person's words ("your data dir /home/a/berth", "the shared folder /mnt/c").
 * `kept` says what became of the work ("Nothing was changed.", "Your work is kept…").
 * Returns undefined for errors that are not file-system errors.
 */
export function fileFailure(e: unknown, place: string, kept: string): BerthFailure | undefined {
  if (e instanceof BerthFailure) return e;
  const code = errnoOf(e);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new BerthFailure('storage.failed', `The disk holding ${place} is full. Free some space there and try again. ${kept}`);
    case 'EROFS':
      return new BerthFailure('storage.failed', `${cap(place)} is read-only. Make it writable (or ask whoever shares it), then try again. ${kept}`);
    case 'EACCES':
    case 'EPERM':
      return new BerthFailure('storage.failed', `Berth is not allowed to write to ${place}. Check its permissions, then try again. ${kept}`);
    case 'EIO':
    case 'ESTALE':
    case 'ENXIO':
      return new BerthFailure(
        'storage.failed',
        `Reading or writing ${place} failed (a disk or network error). Check the disk or share, then try again. ${kept}`,
      );
    case 'EMFILE':
    case 'ENFILE':
      return new BerthFailure('storage.failed', `Too many files are open on this computer to use ${place}. Close some programs and try again. ${kept}`);
    case 'ENAMETOOLONG':
      return new BerthFailure('storage.failed', `The path of ${place} is too long for this file system. Choose a shorter path. ${kept}`);
    case undefined:
      return undefined;
    default:
      return new BerthFailure(
        'storage.failed',
        `Berth could not use ${place} (the system said ${code}). Check that it is there and writable, then try again. ${kept}`,
      );
  }
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
