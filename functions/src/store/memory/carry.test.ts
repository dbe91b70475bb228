import { transferCodesContract } from '../carry-contract.ts';
import { MemoryTransferCodes } from './carry.ts';

// The same contract as the DynamoDB store (tests/integration/carry-store-contract.test.ts).
const store = new MemoryTransferCodes();
transferCodesContract('memory', () => store);
