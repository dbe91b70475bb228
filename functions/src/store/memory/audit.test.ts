import { auditContract } from '../audit-contract.ts';
import { MemoryAuditLog } from './audit.ts';

// The same contract as the DynamoDB store (tests/integration/audit-store-contract.test.ts).
const log = new MemoryAuditLog();
auditContract('memory', () => ({ log, write: async (change) => log.record(change) }));
