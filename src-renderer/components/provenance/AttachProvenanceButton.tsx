import { Button } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../useAction';

/**
 * Attaches the `.prov` file that came with a version's package. Berth checks it against the
 * package first (a tampered one is refused with the reason), then it syncs with the catalog.
 */
export function AttachProvenanceButton({ versionId, onAttached }: { versionId: string; onAttached(): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const { run, busy } = useAction();

  const attach = async (file: File | undefined) => {
    if (!file) return;
    const done = await run('provenance.attach', { version: versionId, provenance: await file.text() }, { success: t('provenance.attached') });
    if (done) onAttached();
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".prov,text/plain"
        hidden
        data-testid="attach-provenance-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          void attach(file);
        }}
      />
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPaperclip size={12} aria-hidden />}
        onClick={() => input.current?.click()}
        loading={busy}
        data-testid="attach-provenance"
        style={{ flexShrink: 0 }}
      >
        {t('provenance.attach')}
      </Button>
    </>
  );
}
