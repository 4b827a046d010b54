/**
 * Limits Berth applies to every chart archive before anything else reads it. A package
 * that exceeds one is refused with a sentence naming the limit; nothing is extracted.
 *
 * The per-file and total sizes equal Helm's own defaults (helm.sh/helm/v4
 * pkg/chart/loader/archive: MaxDecompressedFileSize 5 MiB, MaxDecompressedChartSize 100 MiB),
 * so every chart Helm loads, Berth loads too.
 */
export const ARCHIVE_LIMITS = {
  /** Size of the .tgz as uploaded. Real charts are well under 2 MiB. */
  maxCompressedBytes: 32 * 1024 * 1024,
  /** Everything the gzip stream expands to, nested subchart archives included (gzip bombs stop here). */
  maxExpandedBytes: 100 * 1024 * 1024,
  /** One file's content. */
  maxFileBytes: 5 * 1024 * 1024,
  /** Tar entries in the archive and in all nested subchart archives together. */
  maxEntries: 10_000,
  /** A path inside the chart, in bytes. */
  maxPathBytes: 1024,
  /** Folder depth of a path inside the chart. */
  maxPathDepth: 32,
  /** Subchart archives inside subchart archives. */
  maxNestingDepth: 8,
  /** YAML aliases (`*name`) one document may use; billion-laughs documents need far more. */
  maxYamlAliases: 1000,
} as const;

export type ArchiveLimits = { -readonly [K in keyof typeof ARCHIVE_LIMITS]: number };
