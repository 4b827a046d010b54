/**
 * One Berth process for the concurrent-writers test: creates categories in its own data dir
 * and syncs them to the shared folder while other processes do the same.
 *   node --import tsx writer-process.ts DATA_DIR PREFIX COUNT
 */
import { createServices } from '../../../src-main/services';

async function main(): Promise<void> {
  const [dataDir, prefix, count] = process.argv.slice(2);
  const services = createServices({ dataDir, host: 'cli' });
  const catalog = services.catalog;
  let pushed = 0;
  let warnings = 0;
  // every writer creates the same name before it hears from the others: exactly one may win
  await catalog.commands.createCategory({ name: 'shared' });
  for (let i = 0; i < Number(count); i++) {
    await catalog.commands.createCategory({ name: `${prefix}-${i}` });
    if (i % 4 === 3) {
      const r = await services.sync.sync();
      pushed += r.pushedEvents;
      warnings += r.warnings.length;
    }
  }
  const last = await services.sync.sync();
  pushed += last.pushedEvents;
  warnings += last.warnings.length;
  await services.close();
  process.stdout.write(JSON.stringify({ pushed, warnings }) + '\n');
}

void main();
