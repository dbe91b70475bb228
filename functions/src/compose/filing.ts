/**
 * Composition of the functions that file and act on requests (tickets, workbench, resident,
 * interop): importing this module adds to the service the resident side (consents, followers,
 * photos when functions/src/compose/photos.ts is imported too), risk early warning (./risk.ts),
 * mediation teams and the admins' calendar alert. Functions that only sign in, read reference data,
 * report or sweep do not import it, so their bundles do not carry that code.
 */
import { calendarAlert } from '../admin/calendar-alerts.ts';
import { MediatorAdmin } from '../admin/org/mediators.ts';
import { OrgAdminStore } from '../admin/org/store.ts';
import { buildResidentService } from '../app/resident-runtime.ts';
import { useFiling } from '../app/runtime.ts';
import { AdminStore } from '../store/admin.ts';
import './risk.ts';

useFiling(({ env, db, table, tokens, photos }) => ({
  resident: buildResidentService(env, db, table, tokens, photos),
  mediators: new MediatorAdmin({ store: new OrgAdminStore(db, table), now: () => Date.now() }),
  calendarAlert: calendarAlert(new AdminStore(db, table)),
}));
