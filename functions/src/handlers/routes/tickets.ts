import { CreateTicketInputSchema } from '@mashang/shared/contracts/common';
import { JoinInputSchema, SubscribeInputSchema } from '@mashang/shared/contracts/resident';
import { CommandInputSchema } from '@mashang/shared/contracts/staff';
import { TicketHotspotQuerySchema } from '@mashang/shared/contracts/signals-inputs';
import { PointTicketInputSchema } from '@mashang/shared/near';
import { nearFromEnv } from '../../app/near-runtime.ts';
import { limiterFromEnv } from '../../app/rate-runtime.ts';
import type { RateRule } from '../../app/rate-limits.ts';
import { residentFromEnv, serviceFromEnv, workbenchFromEnv } from '../../app/runtime.ts';
import { supervisionFromEnv } from '../../app/supervision-runtime.ts';
import type { Actor } from '@mashang/shared';
import type { SideWrite } from '../../ports/tickets.ts';
import { json, jsonBody, parseWith, pathParam, sourceIp, type HttpEvent } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * Requests (`/api/tickets…`). Identity always comes from the verified token. Each table is
 * served by the Lambda named above it (serverless.yml); a Lambda imports only its tables, so
 * the others (and what they use) stay out of its bundle.
 * (Staff filing is `POST /api/staff/tickets` in ./staff.ts; a resident's list `GET /api/me/tickets` in ./me.ts.)
 */

// tickets: filing (residents with or without a QR code) — the one filing path (functions/src/app/filing/).
export const ticketFilingRoutes: Routes = {
  'POST /api/tickets': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(CreateTicketInputSchema, jsonBody(event));
    return fileCounted(event, who, (counts) => serviceFromEnv().createTicket(who, input, undefined, counts));
  },
  // Filed without a QR code (issue 13): routed to the nearest QR location's office, or the office the resident chose.
  'POST /api/tickets/at-point': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(PointTicketInputSchema, jsonBody(event));
    return fileCounted(event, who, (counts) => nearFromEnv().file(who, input, counts));
  },
};

// tickets: one request as its caller may see it, and working it (commands of residents and staff).
export const ticketRoutes: Routes = {
  'GET /api/tickets/{id}': async (event, { actor }) => {
    const who = await actor();
    const id = pathParam(event, 'id');
    await limiterFromEnv().take(['lookupPerActor', who.id], ['lookupPerIp', sourceIp(event)]);
    return json(200, await serviceFromEnv().ticketDetail(who, id));
  },
  'POST /api/tickets/{id}/commands': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(CommandInputSchema, jsonBody(event));
    return json(200, await serviceFromEnv().command(who, pathParam(event, 'id'), input.command, input.expectedVersion));
  },
};

// resident: "me too" and notification consent on a request.
export const ticketFollowerRoutes: Routes = {
  'POST /api/tickets/{id}/join': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(JoinInputSchema, jsonBody(event));
    return json(200, await residentFromEnv().join(who, pathParam(event, 'id'), input.subscriptions));
  },
  'POST /api/tickets/{id}/subscriptions': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(SubscribeInputSchema, jsonBody(event));
    return json(200, { credits: await residentFromEnv().subscribe(who, pathParam(event, 'id'), input.templateIds) });
  },
};

// workbench: the filer's full phone number for the handler working the request (recorded).
export const ticketPhoneRoutes: Routes = {
  'POST /api/tickets/{id}/phone': async (event, { actor }) => json(200, await workbenchFromEnv().revealPhone(await actor(), pathParam(event, 'id'))),
};

// supervision: a request's hotspot (jieba word segmentation, only in that Lambda's package) and its risk warnings.
export const ticketSignalRoutes: Routes = {
  'GET /api/tickets/{id}/hotspot': async (event, { actor }) => {
    const q = parseWith(TicketHotspotQuerySchema, event.queryStringParameters ?? {});
    return json(200, await supervisionFromEnv().hotspots.ticketHotspot(await actor(), pathParam(event, 'id'), q.days));
  },
  'GET /api/tickets/{id}/risk': async (event, { actor }) =>
    json(200, { items: await supervisionFromEnv().risk.ticketWarnings(await actor(), pathParam(event, 'id')) }),
};

/**
 * Files a request under the submission limits. The address's counter is shared by everybody
 * behind one network (a hot row: in every create's transaction it would make concurrent creates
 * conflict), so it is a call of its own; the person's counter is an item of the new request's own
 * transaction. A retry answered with its earlier request wrote nothing: it counts as a hit of the
 * person's own (and may be refused); the address's was already counted before the create.
 */
async function fileCounted(event: HttpEvent, who: Actor, create: (counts: readonly SideWrite[]) => Promise<{ created: boolean }>) {
  const person: [RateRule, string | undefined] = [who.role === 'resident' ? 'submitPerResident' : 'submitPerStaff', who.id];
  const limiter = limiterFromEnv();
  await limiter.take(['submitPerIp', sourceIp(event)]);
  const counted = limiter.counted(person);
  const res = await create(counted.writes).catch((err: unknown) => {
    throw counted.refusal(err) ?? err;
  });
  if (!res.created) await limiter.take(person);
  return json(res.created ? 201 : 200, res);
}
