import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CLUSTER_START_TIMEOUT_MS, ensureCluster, type Harness } from '../../cluster/harness';
import { deleteNamespaces } from '../../unit/deploy/cluster-fixtures';
import { buildIfNeeded, removeDir, tempDir } from './berth';
import type { OpenBrowser } from './browser';
import { openBrowsers, startFolderStoreTeam, stopAfterFirstFailure, stopBerths, type FolderStoreTeam } from './team';

export interface TeamSuiteOptions {
  /** Names the store's temp dir and the failure screenshots (`<name>-failure-<browser>`). */
  name: string;
  viewport: { width: number; height: number };
  /** Start (or reuse) the Kubernetes harness; its kubeconfig goes into both Berths' environment. */
  cluster?: boolean;
  env?: Record<string, string>;
  /** The first app's chart package (a path); the EMQ X v1.0.0-rc.1 fixture when not given. */
  chart?: () => string;
  /** The spec's own set-up once both Berths run, before the browsers open. */
  prepare?: (team: TeamSuite) => Promise<void>;
  /** The browsers to open, by name, and the URL each opens; Iris's and Ravi's Berths when not given. */
  browsers?: (team: TeamSuite) => Promise<Record<string, string>> | Record<string, string>;
  /** Temp dirs the spec made (removed after), and namespaces it used in the harness (deleted after). */
  dirs?: string[];
  namespaces?: string[];
  /** The spec's own tidy-up, after the browsers are closed and before the Berths stop. */
  cleanup?: () => Promise<void> | void;
}

/** Filled in by the suite's beforeAll: read its fields inside the steps. */
export interface TeamSuite extends FolderStoreTeam {
  storeDir: string;
  /** Set when the suite asked for the cluster. */
  cluster: Harness;
  /** One page a browser, by the names `browsers` gave (`iris` and `ravi` by default). */
  pages: Record<string, Page>;
}

/**
 * The frame of a spec in which two people (Iris, ISV and admin; Ravi, reviewer) share one folder
 * store: builds what the run needs, starts the team (and the harness), runs the spec's set-up,
 * opens the browsers, skips the later steps after the first failure (with screenshots), and
 * closes, stops and removes everything afterwards. Call it inside a describe.
 */
export function teamSuite(options: TeamSuiteOptions): TeamSuite {
  const suite = { storeDir: tempDir(`${options.name}-store`), pages: {} } as TeamSuite;
  let browsers: OpenBrowser[] = [];

  beforeAll(async () => {
    buildIfNeeded();
    const env = { ...options.env };
    if (options.cluster) {
      suite.cluster = await ensureCluster();
      env.KUBECONFIG = suite.cluster.kubeconfig;
    }
    Object.assign(suite, await startFolderStoreTeam(suite.storeDir, env, options.chart?.()));
    await options.prepare?.(suite);
    const urls = options.browsers ? await options.browsers(suite) : { iris: suite.iris.url, ravi: suite.ravi.url };
    browsers = await openBrowsers(Object.values(urls), options.viewport);
    suite.pages = Object.fromEntries(Object.keys(urls).map((name, i) => [name, browsers[i].page]));
  }, options.cluster ? CLUSTER_START_TIMEOUT_MS : undefined);

  stopAfterFirstFailure(() => Object.entries(suite.pages).map(([who, page]) => [page, `${options.name}-failure-${who}`]));

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await options.cleanup?.();
    await stopBerths([suite.iris, suite.ravi]);
    for (const dir of [suite.storeDir, ...(options.dirs ?? [])]) removeDir(dir);
    if (suite.cluster && options.namespaces) deleteNamespaces(suite.cluster, options.namespaces);
  });

  return suite;
}
