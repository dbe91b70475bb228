import {
  JoinInputSchema,
  PlacesQuerySchema,
  SimilarQuerySchema,
  SubscribeInputSchema,
  UploadRequestSchema,
  WeChatLoginInputSchema,
  LookupInputSchema,
  RedeemTransferInputSchema,
} from '@mashang/shared/contracts';
import { carryFromEnv, residentFromEnv, serviceFromEnv } from '../app/runtime.ts';
// Residents' "me too", consents and requests carried to another phone read requests as residents see them, and photo uploads are signed here (functions/src/app/runtime.ts: one composition per function).
import '../compose/filing.ts';
import '../compose/photos.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import { nearFromEnv } from '../app/near-runtime.ts';
import { PointQuerySchema } from '@mashang/shared/near';
import { json, jsonBody, parseWith, pathParam, router, sourceIp } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';
import { residentErasureRoutes } from './erasure-routes.ts';

/**
 * The resident's routes beyond filing: WeChat sign-in, client settings, places
 * without a QR code, photo uploads, "me too" and notification consent.
 */
const api = router(
  {
    'POST /api/auth/wechat': async (event) => {
      await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
      const input = parseWith(WeChatLoginInputSchema, jsonBody(event));
      return json(200, await residentFromEnv().wechatSession(input.code));
    },
    // A request on another phone: by number and phone (rate-limited), or carried over with a one-time code (issue 13).
    'POST /api/lookup': async (event, { actor }) => {
      const input = parseWith(LookupInputSchema, jsonBody(event));
      const who = await actor();
      await limiterFromEnv().take(['lookupPerIp', sourceIp(event)]);
      return json(200, await carryFromEnv().lookup(who, input.id, input.phone));
    },
    'POST /api/me/transfer': async (_event, { actor }) => json(201, await carryFromEnv().issueTransfer(await actor())),
    'POST /api/auth/transfer': async (event) => {
      // Redeeming a code signs a device in: counted like any other sign-in from the address.
      await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
      const input = parseWith(RedeemTransferInputSchema, jsonBody(event));
      return json(200, await carryFromEnv().redeemTransfer(input.code));
    },
    'GET /api/client-config': async () => json(200, residentFromEnv().clientConfig()),
    'GET /api/places': async (event) => {
      const q = parseWith(PlacesQuerySchema, event.queryStringParameters ?? {});
      await limiterFromEnv().take(['lookupPerIp', sourceIp(event)]);
      return json(200, { items: await residentFromEnv().places(q) });
    },
    'GET /api/places/{id}/similar': async (event, { actor }) => {
      const who = await actor();
      const q = parseWith(SimilarQuerySchema, event.queryStringParameters ?? {});
      await limiterFromEnv().take(['lookupPerActor', who.id], ['lookupPerIp', sourceIp(event)]);
      return json(200, { items: await residentFromEnv().similar(who, pathParam(event, 'id'), q.category) });
    },
    // Issue 13: where a request filed at a point goes; open problems near a QR location ("me too" before filing).
    'GET /api/places/route': async (event, { actor }) => {
      const who = await actor();
      const q = parseWith(PointQuerySchema, event.queryStringParameters ?? {});
      await limiterFromEnv().take(['lookupPerActor', who.id], ['lookupPerIp', sourceIp(event)]);
      return json(200, await nearFromEnv().route(q.lat, q.lng, q.datum));
    },
    'GET /api/places/{id}/nearby-open': async (event, { actor }) => {
      const who = await actor();
      await limiterFromEnv().take(['lookupPerActor', who.id], ['lookupPerIp', sourceIp(event)]);
      return json(200, await nearFromEnv().nearbyOpen(who, pathParam(event, 'id')));
    },
    'POST /api/uploads': async (event, { actor }) => {
      const who = await actor();
      const input = parseWith(UploadRequestSchema, jsonBody(event));
      await limiterFromEnv().take(['uploadsPerActor', who.id]);
      return json(201, await residentFromEnv().prepareUpload(who, input));
    },
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
    // 我的 → 删除我的个人信息 (functions/src/handlers/erasure-routes.ts).
    ...residentErasureRoutes,
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
