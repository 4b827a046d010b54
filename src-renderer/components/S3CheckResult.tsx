import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSay } from './sentence';
import type { BerthError } from '../../shared/result';
import type { S3CheckResult as S3Check } from '../../shared/types/distribution';

/** A failed call as a failed check, its sentence kept so the reader sees it in their language. */
export function failedCheck(e: BerthError): S3Check {
  return { reachable: false, message: e.message, ...(e.say ? { say: e.say } : {}) };
}

/** The outcome of `distribution.s3.check`: the bucket answers (and what it holds), or why not. */
export function S3CheckResult({ result, testId }: { result: S3Check; testId: string }) {
  const { t } = useTranslation();
  const say = useSay();
  const holds = result.catalogName ? t('s3Place.checkCatalog', { name: result.catalogName }) : t('s3Place.checkEmpty');
  return (
    <Alert
      color={result.reachable ? 'teal' : 'red'}
      icon={result.reachable ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
      title={result.reachable ? `${t('s3Place.checkOk')} · ${holds}` : t('s3Place.checkFailed')}
      data-testid={testId}
      data-reachable={result.reachable}
    >
      {/* the headline says it all when the bucket answers; a failure needs the service's exact reason */}
      {!result.reachable && <Text fz="xs">{say(result.say, result.message)}</Text>}
    </Alert>
  );
}
