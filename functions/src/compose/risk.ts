/**
 * Composition of the functions that file or reopen requests: importing this module adds risk
 * early warning (functions/src/app/risk.ts) to their service, so a warning is written with the
 * request that trips a rule. Open311 (interop) needs only this; compose/filing.ts includes it.
 */
import { RiskService } from '../app/risk.ts';
import { useFiling } from '../app/runtime.ts';
import { SupervisionStore } from '../store/supervision.ts';
import { TicketStore } from '../store/tickets.ts';

useFiling(({ db, table, reference }) => ({
  risk: new RiskService({ store: new SupervisionStore(db, table), tickets: new TicketStore(db, table), reference, now: () => Date.now() }),
}));
