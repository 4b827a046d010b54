import { notify, notifyDone } from './notify';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallName, RequestOf, ResultOf } from '../../shared/contract';
import type { BerthError } from '../../shared/result';
import { call } from '../api';
import { useSession } from '../app/session';
import { useErrorText } from './errors';

/**
 * Runs a catalog command: shows a plain-language notification when it fails, an optional
 * confirmation when it succeeds, and refreshes the session so every view updates.
 */
export function useAction() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <K extends CallName>(
      name: K,
      request: RequestOf<K>,
      options: { success?: string; onError?: (e: BerthError) => void } = {},
    ): Promise<ResultOf<K> | undefined> => {
      setBusy(true);
      try {
        const r = await call(name, request);
        if (!r.ok) {
          if (options.onError) options.onError(r.error);
          else notify({ color: 'red', title: errorText(r.error).title, message: errorText(r.error).message, autoClose: 8000 });
          return undefined;
        }
        if (options.success) notifyDone(options.success);
        void useSession.getState().refresh();
        return r.value;
      } finally {
        setBusy(false);
      }
    },
    [t, errorText],
  );
  return { run, busy };
}
