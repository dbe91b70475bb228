/**
 * Composition of the functions that file and act on requests (tickets, workbench): importing
 * this module adds to the service the resident side (./resident.ts: consents, followers, photos
 * when functions/src/compose/photos.ts is imported too), new requests' risk checks (queued with
 * the create, evaluated by the dispatcher), mediation teams and the admins' calendar alert.
 * Functions that only sign in, read reference data, report or sweep do not import it, so their
 * bundles do not carry that code. A function that also reopens requests imports ./risk.ts too
 * (risk early warning evaluates a reopening with it); the risk rules stay out of the others.
 */
import { calendarAlert } from '../admin/calendar-alerts.ts';
import { MediatorAdmin } from '../admin/org/mediators.ts';
import { OrgAdminStore } from '../admin/org/store.ts';
import { riskCheckOnCreate } from '../app/supervision/risk-check-queue.ts';
import { useFiling } from '../app/runtime.ts';
import { AdminStore } from '../store/admin.ts';
import './resident.ts';

useFiling(({ db, table }) => ({
  riskCheck: riskCheckOnCreate,
  mediators: new MediatorAdmin({ store: new OrgAdminStore(db, table), now: () => Date.now() }),
  calendarAlert: calendarAlert(new AdminStore(db, table)),
}));
