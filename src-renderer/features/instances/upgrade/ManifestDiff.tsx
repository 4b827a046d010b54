import { ScrollArea } from '@mantine/core';

const LINE_COLOR = { '+': 'var(--mantine-color-teal-light)', '-': 'var(--mantine-color-red-light)' } as const;

/** One object's unified manifest diff, the header lines dropped and added/removed lines tinted. */
export function ManifestDiff({ diff }: { diff: string }) {
  const lines = diff.split('\n').filter((l) => !/^(Index: |====|--- |\+\+\+ )/.test(l));
  return (
    <ScrollArea.Autosize mah={260} type="auto">
      <pre style={{ margin: 0, fontSize: 12, lineHeight: 1.45, fontFamily: 'var(--mantine-font-family-monospace)' }} data-testid="manifest-diff">
        {lines.map((l, i) => (
          <div
            key={i}
            style={{
              background: l[0] === '+' || l[0] === '-' ? LINE_COLOR[l[0]] : undefined,
              color: l.startsWith('@@') ? 'var(--mantine-color-dimmed)' : undefined,
              paddingInline: 6,
            }}
          >
            {l || ' '}
          </div>
        ))}
      </pre>
    </ScrollArea.Autosize>
  );
}
