/**
 * One process running `berth category create` COUNT times on a data dir, as a script would,
 * while other processes do the same on the same data dir.
 *   node --import tsx cli-writer.ts DATA_DIR PREFIX COUNT
 */
import { runCli } from '../../../src-main/cli/main';

async function main(): Promise<void> {
  const [dataDir, prefix, count] = process.argv.slice(2);
  let failed = 0;
  let errors = '';
  for (let i = 0; i < Number(count); i++) {
    const code = await runCli(['--data-dir', dataDir, 'category', 'create', `${prefix}-${i}`], { stdout: () => undefined, stderr: (t) => void (errors += t) });
    if (code !== 0) failed++;
  }
  process.stdout.write(JSON.stringify({ failed, errors }) + '\n');
}

void main();
