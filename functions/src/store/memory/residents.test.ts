import { residentsContract } from '../residents-contract.ts';
import { MemoryResidents } from './residents.ts';
import { MemoryTicketStore } from './tickets.ts';

// The same contract as the DynamoDB store (tests/integration/residents-store-contract.test.ts).
const tickets = new MemoryTicketStore();
const residents = new MemoryResidents(tickets);
residentsContract('memory', () => ({ residents, tickets }));
