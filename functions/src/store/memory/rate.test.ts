import { rateCountersContract } from '../rate-contract.ts';
import { MemoryRateCounters } from './rate.ts';
import { MemoryTicketStore } from './tickets.ts';

// The same contract as the DynamoDB store (tests/integration/rate-store-contract.test.ts):
// the counters share the memory ticket store's, as both share the table in DynamoDB.
const tickets = new MemoryTicketStore();
const counters = new MemoryRateCounters(tickets.rateCounts);
rateCountersContract('memory', () => ({ counters, tickets }));
