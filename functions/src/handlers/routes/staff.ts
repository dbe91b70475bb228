import { StaffCreateTicketInputSchema, StaffInboxQuerySchema, StaffLocationsQuerySchema } from '@mashang/shared/contracts/staff';
import { InboxSearchQuerySchema } from '@mashang/shared/inbox-search';
import { MarkReadInputSchema } from '../../app/notifying/alerts-api.ts';
import { limiterFromEnv } from '../../app/rate-runtime.ts';
import { alertApiFromEnv, dispatchedFromEnv, searchFromEnv, workbenchFromEnv } from '../../app/runtime.ts';
import { json, jsonBody, parseWith, sourceIp } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/** The staff workbench (`/api/staff/…`). Each table is served by the Lambda named above it. */

// staff: the unit's inbox (next deadline first, filters, counts), the 已派出 view, inbox search.
export const staffListRoutes: Routes = {
  'GET /api/staff/inbox': async (event, { actor }) => {
    const who = await actor();
    const q = parseWith(StaffInboxQuerySchema, event.queryStringParameters ?? {});
    return json(200, await workbenchFromEnv().inbox(who, q));
  },
  // The street office's 已派出 view (issue 13).
  'GET /api/staff/dispatched': async (_event, { actor }) => json(200, await dispatchedFromEnv().list(await actor())),
  // Inbox search (issue 13): number, phone tail, whole phone (the desk's caller history), work order, words.
  'GET /api/staff/search': async (event, { actor }) => {
    const who = await actor();
    const q = parseWith(InboxSearchQuerySchema, event.queryStringParameters ?? {});
    return json(200, await searchFromEnv().search(who, q.q));
  },
};

// workbench: filing for residents (grid workers, the operator desk) and a grid's QR locations.
export const staffFilingRoutes: Routes = {
  'POST /api/staff/tickets': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(StaffCreateTicketInputSchema, jsonBody(event));
    await limiterFromEnv().take(['submitPerStaff', who.id], ['submitPerIp', sourceIp(event)]);
    const res = await workbenchFromEnv().fileTicket(who, input);
    return json(res.created ? 201 : 200, res);
  },
  'GET /api/staff/locations': async (event, { actor }) => {
    const who = await actor();
    const q = parseWith(StaffLocationsQuerySchema, event.queryStringParameters ?? {});
    return json(200, { items: await workbenchFromEnv().locations(who, q.gridId) });
  },
};

// alerts: the staff member's alert messages, the inbox change marker (polled), WeChat consent.
export const staffAlertRoutes: Routes = {
  'GET /api/staff/messages': async (_event, { actor }) => json(200, await alertApiFromEnv().messages(await actor())),
  'POST /api/staff/messages/read': async (event, { actor }) => {
    const who = await actor();
    return json(200, await alertApiFromEnv().markRead(who, parseWith(MarkReadInputSchema, jsonBody(event))));
  },
  'GET /api/staff/changes': async (_event, { actor }) => json(200, await alertApiFromEnv().changes(await actor())),
  'GET /api/staff/subscriptions': async (_event, { actor }) => json(200, await alertApiFromEnv().subscriptions(await actor())),
  'POST /api/staff/subscriptions': async (event, { actor }) => {
    const who = await actor();
    return json(200, await alertApiFromEnv().subscribe(who, jsonBody(event)));
  },
};
