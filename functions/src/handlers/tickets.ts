import { CommandInputSchema, CreateTicketInputSchema, InboxQuerySchema } from '@mashang/shared/contracts';
import { serviceFromEnv } from '../app/runtime.ts';
// This function files requests and signs or checks photos (functions/src/app/runtime.ts: one composition per function).
import '../compose/filing.ts';
import '../compose/photos.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import type { RateRule } from '../app/rate-limits.ts';
import { nearFromEnv } from '../app/near-runtime.ts';
import { PointTicketInputSchema } from '@mashang/shared/near';
import { json, jsonBody, parseWith, pathParam, router, sourceIp } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/** Filing, reading and working tickets. Identity always comes from the verified token. */
const api = router(
  {
    'POST /api/tickets': async (event, { actor }) => {
      const who = await actor();
      const input = parseWith(CreateTicketInputSchema, jsonBody(event));
      const limits: [[RateRule, string | undefined], [RateRule, string | undefined]] = [[who.role === 'resident' ? 'submitPerResident' : 'submitPerStaff', who.id], ['submitPerIp', sourceIp(event)]];
      // The address's counter is shared by everybody behind one network (a hot row: in every create's
      // transaction it would make concurrent creates conflict), so it stays a call of its own; the
      // person's counter is written in the new request's own transaction.
      await limiterFromEnv().take(limits[1]);
      const counted = limiterFromEnv().counted(limits[0]);
      const res = await serviceFromEnv()
        .createTicket(who, input, undefined, counted.writes)
        .catch((err: unknown) => {
          throw counted.refusal(err) ?? err;
        });
      // A retry answered with its earlier request wrote nothing: it counts as a hit of its own (and may be refused).
      if (!res.created) await limiterFromEnv().take(...limits);
      return json(res.created ? 201 : 200, res);
    },
    // Filed without a QR code (issue 13): routed to the nearest QR location's office, or the office the resident chose.
    'POST /api/tickets/at-point': async (event, { actor }) => {
      const who = await actor();
      const input = parseWith(PointTicketInputSchema, jsonBody(event));
      await limiterFromEnv().take([who.role === 'resident' ? 'submitPerResident' : 'submitPerStaff', who.id], ['submitPerIp', sourceIp(event)]);
      const res = await nearFromEnv().file(who, input);
      return json(res.created ? 201 : 200, res);
    },
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
    'GET /api/me/tickets': async (event, { actor }) => {
      const who = await actor();
      const q = parseWith(InboxQuerySchema, event.queryStringParameters ?? {});
      await limiterFromEnv().take(['lookupPerActor', who.id], ['lookupPerIp', sourceIp(event)]);
      return json(200, await serviceFromEnv().myTickets(who, q.cursor, q.limit));
    },
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
