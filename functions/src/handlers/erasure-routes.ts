import { AppError } from '@mashang/shared';
import { EraseMeInputSchema, EraseTicketInputSchema } from '@mashang/shared/erasure';
import { erasureFromEnv } from '../app/erasure-runtime.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import { json, jsonBody, parseWith, pathParam, type Route } from '../http/http.ts';

/**
 * Personal-data erasure (functions/src/app/erasure.ts). The resident's route is served by
 * the resident Lambda (functions/src/handlers/resident.ts), the admin's by the admin Lambda
 * (functions/src/handlers/admin.ts).
 */
export const residentErasureRoutes: Record<string, Route> = {
  // 我的 → 删除我的个人信息: the body repeats the button's words, so no stray call erases.
  'POST /api/me/erase': async (event, { actor }) => {
    const who = await actor();
    if (who.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民本人可以删除自己的个人信息');
    parseWith(EraseMeInputSchema, jsonBody(event));
    await limiterFromEnv().take(['erasurePerActor', who.id]);
    return json(200, await erasureFromEnv().eraseMe(who));
  },
};

export const adminErasureRoutes: Record<string, Route> = {
  // An admin erases one request's filer data (the resident asked by phone or at the counter); audited.
  'POST /api/admin/tickets/{id}/erase': async (event, { actor }) => {
    const who = await actor();
    const id = pathParam(event, 'id');
    const input = parseWith(EraseTicketInputSchema, jsonBody(event));
    return json(200, await erasureFromEnv().eraseTicket(who, id, input.reason));
  },
};
