import { PasswordInput, SegmentedControl, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseOwners } from '../../../shared/artifacthub-owners';
import type { BerthError } from '../../../shared/result';
import type { ArtifactHubRepoSettings, DistributionSettings, PublishTarget, PublishTargetInput } from '../../../shared/types/distribution';
import { call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { DistributionError } from './DistributionShared';

type Auth = 'none' | 'password' | 'token';

/** The form's text rows that carry a hint: labelled by distribution.targets.<field>, explained by <field>Hint. */
type HintedField = 'name' | 'folder' | 'baseUrl' | 'location' | 'artifactHubId' | 'artifactHubOwners';

function HintedText(props: { field: HintedField; value: string; onChange(v: string): void; testId: string; required?: boolean; placeholder?: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t(`distribution.targets.${props.field}`)}
      description={t(`distribution.targets.${props.field}Hint`)}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data-testid={props.testId}
      required={props.required}
    />
  );
}

/** Adds or edits a publishing target. Saved secrets are never shown: leaving the field empty keeps them. */
export function DistributionTargetDialog({
  target,
  onClose,
  onSaved,
}: {
  target?: DistributionSettings['targets'][number];
  onClose(): void;
  onSaved(s: DistributionSettings): void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PublishTarget['kind']>(target?.kind ?? 'helm-folder');
  const [name, setName] = useState(target?.name ?? '');
  const [folder, setFolder] = useState(target?.kind === 'helm-folder' ? target.folder : '');
  const [baseUrl, setBaseUrl] = useState(target?.kind === 'helm-folder' ? (target.baseUrl ?? '') : '');
  const [location, setLocation] = useState(target?.kind === 'oci' ? target.location : 'oci://');
  const [plainHttp, setPlainHttp] = useState(target?.kind === 'oci' ? Boolean(target.plainHttp) : false);
  const [auth, setAuth] = useState<Auth>(target?.kind === 'oci' && target.username ? 'password' : 'none');
  const [username, setUsername] = useState(target?.kind === 'oci' ? (target.username ?? '') : '');
  const [secret, setSecret] = useState('');
  const [ahId, setAhId] = useState(target?.artifactHub?.repositoryId ?? '');
  const [ahOwners, setAhOwners] = useState((target?.artifactHub?.owners ?? []).map((o) => (o.name ? `${o.name} <${o.email}>` : o.email)).join(', '));
  const [error, setError] = useState<BerthError | null>(null);
  const [busy, setBusy] = useState(false);

  // "Name <email>, other@example.com" → Artifact Hub owners; the main side checks each email
  const artifactHub = (): { artifactHub?: ArtifactHubRepoSettings } => {
    const owners = parseOwners(ahOwners.split(','));
    if (!ahId.trim() && owners.length === 0) return {};
    return { artifactHub: { ...(ahId.trim() ? { repositoryId: ahId.trim() } : {}), ...(owners.length ? { owners } : {}) } };
  };

  const input = (): PublishTargetInput => {
    const id = target?.id;
    if (kind === 'helm-folder')
      return {
        target: {
          ...(id ? { id } : {}),
          kind,
          name: name.trim(),
          folder: folder.trim(),
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
          ...artifactHub(),
        },
      };
    const out: PublishTargetInput = {
      target: {
        ...(id ? { id } : {}),
        kind,
        name: name.trim(),
        location: location.trim(),
        ...(plainHttp ? { plainHttp } : {}),
        ...(auth === 'password' && username.trim() ? { username: username.trim() } : {}),
        ...artifactHub(),
      },
    };
    if (secret && auth === 'password') out.password = secret;
    if (secret && auth === 'token') out.token = secret;
    return out;
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await call('distribution.target.save', input());
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onSaved(r.value);
  };

  const ready = name.trim() !== '' && (kind === 'helm-folder' ? folder.trim() !== '' : location.trim().length > 'oci://'.length);
  return (
    <FormModal
      title={target ? t('distribution.targets.editTitle', { name: target.name }) : t('distribution.targets.addTitle')}
      onClose={onClose}
      size="lg"
      submit={{ label: t('common.save'), onSubmit: () => void save(), busy, disabled: !ready, testId: 'save-target' }}
    >
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as PublishTarget['kind'])}
        disabled={target !== undefined}
        data={[
          { value: 'helm-folder', label: t('distribution.targets.kinds.helm-folder') },
          { value: 'oci', label: t('distribution.targets.kinds.oci') },
        ]}
      />
      <HintedText field="name" value={name} onChange={setName} testId="target-name" required />
      {kind === 'helm-folder' ? (
        <>
          <HintedText field="folder" value={folder} onChange={setFolder} testId="target-folder" required />
          <HintedText field="baseUrl" value={baseUrl} onChange={setBaseUrl} testId="target-url" placeholder="https://charts.example.com/" />
        </>
      ) : (
        <>
          <HintedText field="location" value={location} onChange={setLocation} testId="target-location" required />
          <Switch label={t('distribution.targets.plainHttp')} checked={plainHttp} onChange={(e) => setPlainHttp(e.currentTarget.checked)} />
          <SegmentedControl
            value={auth}
            onChange={(v) => setAuth(v as Auth)}
            data={[
              { value: 'none', label: t('distribution.targets.auth.none') },
              { value: 'password', label: t('distribution.targets.auth.password') },
              { value: 'token', label: t('distribution.targets.auth.token') },
            ]}
          />
          {auth === 'password' && (
            <TextInput
              label={t('distribution.targets.username')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              data-testid="target-username"
              autoComplete="off"
            />
          )}
          {auth !== 'none' && (
            <PasswordInput
              label={auth === 'token' ? t('distribution.targets.token') : t('distribution.targets.password')}
              description={target?.hasSecret ? t('distribution.targets.secretKept') : t('distribution.targets.secretNeverShown')}
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              data-testid="target-secret"
              autoComplete="new-password"
            />
          )}
        </>
      )}
      <HintedText field="artifactHubId" value={ahId} onChange={setAhId} testId="target-artifacthub-id" />
      <HintedText field="artifactHubOwners" value={ahOwners} onChange={setAhOwners} testId="target-artifacthub-owners" />
      <DistributionError error={error} />
      <Text fz="xs" c="dimmed">
        {t('distribution.targets.perPerson')}
      </Text>
    </FormModal>
  );
}
