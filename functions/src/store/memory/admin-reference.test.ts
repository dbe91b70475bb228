import { adminReferenceContract } from '../admin-reference-contract.ts';
import { MemoryReferenceChanges } from './admin-reference.ts';

// The same contract as the DynamoDB store (tests/integration/admin-reference-store-contract.test.ts).
const twin = new MemoryReferenceChanges();
adminReferenceContract('memory', () => ({
  changes: twin,
  audit: twin.audit,
  reads: twin,
  seedCategory: async (category) => void twin.seed({ categories: [category] }),
}));
