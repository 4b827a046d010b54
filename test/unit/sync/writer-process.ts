/**
 * One Berth process for the concurrent-writers test: creates categories in its own data dir
 * and syncs them to the shared folder while other processes do the same.
 *   node --import tsx writer-process.ts DATA_DIR PREFIX COUNT
 */
import { createCatalogServices } from '../../../src-main/sync/catalog-services';

async function main(): Promise<void> {
  const [dataDir, prefix, count] = process.argv.slice(2);
  const catalog = createCatalogServices({
    dataDir,
    inspectChart: async () => {
      throw new Error('no charts in this test');
    },
  });
  let pushed = 0;
  let warnings = 0;
  // every writer creates the same name before it hears from the others: exactly one may win
  await catalog.commands.createCategory({ name: 'shared' });
  for (let i = 0; i < Number(count); i++) {
    await catalog.commands.createCategory({ name: `${prefix}-${i}` });
    if (i % 4 === 3) {
      const r = await catalog.sync.sync();
      pushed += r.pushedEvents;
      warnings += r.warnings.length;
    }
  }
  const last = await catalog.sync.sync();
  pushed += last.pushedEvents;
  warnings += last.warnings.length;
  await catalog.close();
  process.stdout.write(JSON.stringify({ pushed, warnings }) + '\n');
}

void main();
