import { Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCatalogQuery } from '../useCatalogQuery';

/** A chart-testing case: one `ci/<name>-values.yaml` of the chart and its text. */
export interface CiCase {
  file: string;
  text: string;
}

const CI_CASE = /^ci\/[^/]+-values\.ya?ml$/;

/**
 * For a test deploy: start the values from one of the chart's `ci/*-values.yaml` cases, as
 * chart-testing's `ct install` deploys each. Nothing when the chart has none. The deploy
 * records which case it started from (and whether the values were edited after).
 */
export interface CiCasePickerProps {
  versionId: string;
  picked?: CiCase;
  /** The values differ from the picked case's text. */
  edited: boolean;
  onPick(c: CiCase | undefined): void;
}

export function CiCasePicker({ versionId, picked, edited, onPick }: CiCasePickerProps) {
  const { t } = useTranslation();
  const files = useCatalogQuery('chart.files', { chart: { version: versionId } }).data;
  const cases = (files ?? [])
    .filter((f) => CI_CASE.test(f.path) && typeof f.text === 'string')
    .map((f) => ({ file: f.path, text: f.text! }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  if (cases.length === 0) return null;
  return (
    <Select
      label={t('deploy.ciCase.label')}
      description={t('deploy.ciCase.hint', { count: cases.length })}
      data={[{ value: '', label: t('deploy.ciCase.none') }, ...cases.map((c) => ({ value: c.file, label: c.file }))]}
      value={picked?.file ?? ''}
      onChange={(v) => onPick(cases.find((c) => c.file === v))}
      allowDeselect={false}
      maw={520}
      data-testid="ci-case"
      inputContainer={(children) => (
        <>
          {children}
          {picked && edited && (
            <Text fz="xs" c="dimmed" mt={4} data-testid="ci-case-edited">
              {t('deploy.ciCase.edited', { file: picked.file })}
            </Text>
          )}
        </>
      )}
    />
  );
}
