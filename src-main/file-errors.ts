import { BerthFailure, type Sentence } from '../shared/result';
import { refusal, type SentenceKey } from './sentences';

/** The errno of a failed file operation, if it has one. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * Turns a failed file operation into a sentence that says what happened and what to do,
 * so a person never sees "ENOSPC: no space left on device, write". `place` names where,
 * as a phrase (`sentences.place.*`: "your data dir /home/a/berth", "the shared folder /mnt/c").
 * `kept` says what became of the work (`sentences.kept.*`: "Nothing was changed.", "Your work is kept…").
 * Returns undefined for errors that are not file-system errors.
 */
export function fileFailure(e: unknown, place: Sentence, kept: Sentence): BerthFailure | undefined {
  if (e instanceof BerthFailure) return e;
  const code = errnoOf(e);
  if (code === undefined) return undefined;
  return refusal('storage.failed', FILE_SENTENCES[code] ?? 'file.other', { place, kept, code });
}

/** What each errno means for the person, by the sentence that says it (`sentences.file.*`). */
const FILE_SENTENCES: Record<string, SentenceKey> = {
  ENOSPC: 'file.diskFull',
  EDQUOT: 'file.diskFull',
  EROFS: 'file.readOnly',
  EACCES: 'file.notAllowed',
  EPERM: 'file.notAllowed',
  EIO: 'file.ioError',
  ESTALE: 'file.ioError',
  ENXIO: 'file.ioError',
  EMFILE: 'file.tooManyOpen',
  ENFILE: 'file.tooManyOpen',
  ENAMETOOLONG: 'file.pathTooLong',
};
