import { AppError } from '@mashang/shared';
import { InboxQuerySchema, LookupInputSchema } from '@mashang/shared/contracts/resident';
import { EraseMeInputSchema } from '@mashang/shared/erasure';
import { erasureFromEnv } from '../../app/erasure-runtime.ts';
import { limiterFromEnv } from '../../app/rate-runtime.ts';
import { carryFromEnv, serviceFromEnv } from '../../app/runtime.ts';
import { json, jsonBody, parseWith, sourceIp } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * The resident's own (`/api/me/…`, and `POST /api/lookup`: their request on another phone).
 * Each table is served by the Lambda named above it.
 */

// tickets: 我的诉求, the requests this resident filed or joined.
export const myTicketRoutes: Routes = {
  'GET /api/me/tickets': async (event, { actor }) => {
    const who = await actor();
    const q = parseWith(InboxQuerySchema, event.queryStringParameters ?? {});
    await limiterFromEnv().take(['lookupPerActor', who.id], ['lookupPerIp', sourceIp(event)]);
    return json(200, await serviceFromEnv().myTickets(who, q.cursor, q.limit));
  },
};

// resident: a request on another phone, by number and phone (rate-limited), or carried over with a
// one-time code (issue 13; redeemed at POST /api/auth/transfer, ./sessions.ts); and erasure.
export const myAccountRoutes: Routes = {
  'POST /api/lookup': async (event, { actor }) => {
    const input = parseWith(LookupInputSchema, jsonBody(event));
    const who = await actor();
    await limiterFromEnv().take(['lookupPerIp', sourceIp(event)]);
    return json(200, await carryFromEnv().lookup(who, input.id, input.phone));
  },
  'POST /api/me/transfer': async (_event, { actor }) => json(201, await carryFromEnv().issueTransfer(await actor())),
  // 我的 → 删除我的个人信息 (functions/src/app/residents/erasure.ts): the body repeats the button's words, so no stray call erases.
  'POST /api/me/erase': async (event, { actor }) => {
    const who = await actor();
    if (who.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民本人可以删除自己的个人信息');
    parseWith(EraseMeInputSchema, jsonBody(event));
    await limiterFromEnv().take(['erasurePerActor', who.id]);
    return json(200, await erasureFromEnv().eraseMe(who));
  },
};
