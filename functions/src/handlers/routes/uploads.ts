import { UploadRequestSchema } from '@mashang/shared/contracts/resident';
import { limiterFromEnv } from '../../app/rate-runtime.ts';
import { residentFromEnv } from '../../app/runtime.ts';
import { json, jsonBody, parseWith } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/** Photo uploads (`/api/uploads`): a presigned POST for one photo, for residents and staff. */

// resident: signs with the S3 photo storage (functions/src/compose/photos.ts).
export const uploadRoutes: Routes = {
  'POST /api/uploads': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(UploadRequestSchema, jsonBody(event));
    await limiterFromEnv().take(['uploadsPerActor', who.id]);
    return json(201, await residentFromEnv().prepareUpload(who, input));
  },
};
