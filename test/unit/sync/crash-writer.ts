/**
 * One Berth process for the crash tests: `create NAME` makes a category and syncs; `sync`
 * only syncs. With BERTH_CRASH_AT set it dies by SIGKILL at that step (crash-points.ts).
 *   node --import tsx crash-writer.ts DATA_DIR create NAME | sync
 */
import { createServices } from '../../../src-main/services';

async function main(): Promise<void> {
  const [dataDir, what, name] = process.argv.slice(2);
  const services = createServices({ dataDir, host: 'cli' });
  const catalog = services.catalog;
  if (what === 'create') await catalog.commands.createCategory({ name });
  const report = await services.sync.sync();
  await services.close();
  process.stdout.write(JSON.stringify({ pushed: report.pushedEvents, pulled: report.pulledEvents }) + '\n');
}

void main();
