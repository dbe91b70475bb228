/**
 * Composition of the functions that reopen requests (tickets) or file them without
 * compose/filing.ts (Open311, interop): importing this module adds risk early warning
 * (functions/src/app/supervision/risk.ts) to their service, so a new request's risk check is queued with it
 * and a reopening's warning is written with the change.
 */
import { RiskService } from '../app/supervision/risk.ts';
import { useFiling } from '../app/runtime.ts';
import { SupervisionStore } from '../store/supervision.ts';
import { TicketStore } from '../store/tickets.ts';

useFiling(({ db, table, reference }) => ({
  risk: new RiskService({ store: new SupervisionStore(db, table), tickets: new TicketStore(db, table), reference, now: () => Date.now() }),
}));
