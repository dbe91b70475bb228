import {
  JoinInputSchema,
  PlacesQuerySchema,
  SimilarQuerySchema,
  SubscribeInputSchema,
  UploadRequestSchema,
  WeChatLoginInputSchema,
} from '@mashang/shared/contracts';
import { residentFromEnv, serviceFromEnv } from '../app/runtime.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import { json, jsonBody, parseWith, pathParam, router, sourceIp } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

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
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
