import {
  BindWechatInputSchema,
  CreateInviteInputSchema,
  StaffCreateTicketInputSchema,
  StaffLocationsQuerySchema,
  WeChatLoginInputSchema,
} from '@mashang/shared/contracts';
import { serviceFromEnv, workbenchFromEnv } from '../app/runtime.ts';
// This function files requests and signs or checks photos (functions/src/app/runtime.ts: one composition per function).
import '../compose/filing.ts';
import '../compose/photos.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import { json, jsonBody, parseWith, pathParam, router, sourceIp } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/**
 * The staff workbench beyond the inbox: revealing a phone number (recorded), filing
 * for residents (grid workers, the operator desk), a grid's QR locations, and staff
 * identity (admins' invite codes, binding and signing in with WeChat).
 */
const api = router(
  {
    'POST /api/tickets/{id}/phone': async (event, { actor }) => json(200, await workbenchFromEnv().revealPhone(await actor(), pathParam(event, 'id'))),
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
    'POST /api/admin/invites': async (event, { actor }) => {
      const who = await actor();
      const input = parseWith(CreateInviteInputSchema, jsonBody(event));
      return json(201, await workbenchFromEnv().createInvite(who, input.username));
    },
    'POST /api/auth/staff/bind': async (event) => {
      await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
      const input = parseWith(BindWechatInputSchema, jsonBody(event));
      return json(200, await workbenchFromEnv().bindWechat(input.inviteCode, input.code));
    },
    'POST /api/auth/staff/wechat': async (event) => {
      await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
      const input = parseWith(WeChatLoginInputSchema, jsonBody(event));
      return json(200, await workbenchFromEnv().wechatLogin(input.code));
    },
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
