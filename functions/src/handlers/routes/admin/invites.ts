import { CreateInviteInputSchema } from '@mashang/shared/contracts/staff';
import { workbenchFromEnv } from '../../../app/runtime.ts';
import { json, jsonBody, parseWith } from '../../../http/http.ts';
import type { Routes } from '../http-function.ts';

/** Staff invite codes (`/api/admin/invites`); an admin resource served by the workbench Lambda (./admin.ts lists the admin Lambda's). */

// workbench: a one-time code for binding a staff member's WeChat (redeemed at POST /api/auth/staff/bind).
export const adminInviteRoutes: Routes = {
  'POST /api/admin/invites': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(CreateInviteInputSchema, jsonBody(event));
    return json(201, await workbenchFromEnv().createInvite(who, input.username));
  },
};

