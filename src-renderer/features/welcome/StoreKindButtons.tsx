import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StoreLocation } from '../../../shared/types/catalog';

type Kind = StoreLocation['kind'];

/**
 * Where the catalog is kept, as toggle buttons. Not radio inputs: their labels (“Shared
 * folder”) would also answer to the folder field's label, before it on the page.
 */
export function StoreKindButtons<K extends Kind>({ kinds, value, onChange }: { kinds: readonly K[]; value: K; onChange: (kind: K) => void }) {
  const { t } = useTranslation();
  return (
    <Button.Group aria-label={t('welcome.storeKind')}>
      {kinds.map((k) => (
        <Button
          key={k}
          size="xs"
          flex={1}
          variant={value === k ? 'light' : 'default'}
          aria-pressed={value === k}
          onClick={() => onChange(k)}
          data-store-kind={k}
        >
          {t(`welcome.kinds.${k}`)}
        </Button>
      ))}
    </Button.Group>
  );
}
