import { outboxContract } from '../outbox-contract.ts';
import { MemoryTicketStore } from './tickets.ts';

// The same contract as the DynamoDB store (tests/integration/outbox-store-contract.test.ts):
// the memory ticket store writes its rows to its outbox.
const tickets = new MemoryTicketStore();
outboxContract('memory', () => ({ outbox: tickets.outbox, tickets }));
