import { ticketStoreContract } from '../contract.ts';
import { MemoryTicketStore } from './tickets.ts';

// The same contract as the DynamoDB store (tests/integration/ticket-store-contract.test.ts).
const store = new MemoryTicketStore();
ticketStoreContract('memory', () => store);
