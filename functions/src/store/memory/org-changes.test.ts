import { orgChangesContract } from '../org-changes-contract.ts';
import { MemoryOrgChanges } from './org-changes.ts';

// The same contract as the DynamoDB store (tests/integration/org-changes-store-contract.test.ts).
const twin = new MemoryOrgChanges();
orgChangesContract('memory', () => ({
  store: twin,
  audit: twin.audit,
  reads: twin,
  seedUnits: async (units) => void twin.seed({ units }),
}));
