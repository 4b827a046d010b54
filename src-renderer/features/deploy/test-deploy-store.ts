import { create } from 'zustand';
import type { TestDeployRecord } from '../../../shared/types/review-tools';

/**
 * Test-deploy outcomes seen in this session, by version id. The deploy service records each
 * outcome on the version (a signed catalog event the reviewer sees in the report); this keeps
 * the latest at hand for the version list without building a report.
 */
interface TestDeploysState {
  latest: Record<string, TestDeployRecord>;
  remember(record: TestDeployRecord): void;
}

export const useTestDeploys = create<TestDeploysState>((set) => ({
  latest: {},
  remember: (record) => set((s) => ({ latest: { ...s.latest, [record.version]: record } })),
}));
