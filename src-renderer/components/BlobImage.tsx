import { Avatar, Group, Image, Skeleton, Stack, Text, type ImageProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { BlobRef } from '../../shared/types/catalog';
import { blobUrl } from './blob-urls';

export function useBlobUrl(ref: BlobRef | undefined): { url?: string; loading: boolean } {
  const [state, setState] = useState<{ sha?: string; url?: string }>({});
  useEffect(() => {
    if (!ref) return;
    let live = true;
    void blobUrl(ref.sha256).then((url) => live && setState({ sha: ref.sha256, url }));
    return () => {
      live = false;
    };
  }, [ref?.sha256]);
  if (!ref) return { loading: false };
  return state.sha === ref.sha256 ? { url: state.url, loading: false } : { loading: true };
}

/** An app's icon; falls back to its initials on a tinted tile. */
export function AppIcon({ icon, name, size = 48 }: { icon?: BlobRef; name: string; size?: number }) {
  const { url, loading } = useBlobUrl(icon);
  if (loading) return <Skeleton w={size} h={size} radius="md" />;
  if (url)
    return (
      <Avatar
        src={url}
        alt=""
        size={size}
        radius="md"
        variant="default"
        className="berth-icon-tile"
        data-testid="app-icon"
        styles={{ image: { objectFit: 'contain', padding: size > 40 ? 6 : 3 } }}
      />
    );
  return (
    <Avatar size={size} radius="md" color="initials" name={name} alt="" variant="light">
      {name.slice(0, 2).toUpperCase()}
    </Avatar>
  );
}

export function BlobImg({ blob, alt, ...props }: { blob: BlobRef; alt: string } & Omit<ImageProps, 'src'>) {
  const { url, loading } = useBlobUrl(blob);
  if (loading || !url) return <Skeleton h={props.h ?? 160} w={props.w ?? '100%'} />;
  return <Image src={url} alt={alt} {...props} />;
}

/** An app as a list row names it: its icon, its chart name, and one dimmed line under the name. */
export function AppTitle({ icon, name, sub, size = 36 }: { icon?: BlobRef; name: string; sub: ReactNode; size?: number }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <AppIcon icon={icon} name={name} size={size} />
      <Stack gap={0}>
        <Text fw={600} fz="sm">
          {name}
        </Text>
        <Text fz="xs" c="dimmed">
          {sub}
        </Text>
      </Stack>
    </Group>
  );
}
