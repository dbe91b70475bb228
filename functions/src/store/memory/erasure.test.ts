import { erasureContract } from '../erasure-contract.ts';
import { MemoryErasureRows } from './erasure.ts';
import { MemoryTicketStore } from './tickets.ts';

// The same contract as the DynamoDB store (tests/integration/erasure-store-contract.test.ts).
const tickets = new MemoryTicketStore();
const erasure = new MemoryErasureRows(tickets);
erasureContract('memory', () => ({ erasure, tickets, outbox: tickets.outbox }));
