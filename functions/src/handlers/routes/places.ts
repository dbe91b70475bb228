import { AppError } from '@mashang/shared';
import { PlacesQuerySchema, SimilarQuerySchema } from '@mashang/shared/contracts/resident';
import { PointQuerySchema } from '@mashang/shared/near';
import { nearFromEnv } from '../../app/near-runtime.ts';
import { limiterFromEnv } from '../../app/rate-runtime.ts';
import { residentFromEnv, serviceFromEnv } from '../../app/runtime.ts';
import { json, parseWith, pathParam, sourceIp } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * Places: the street QR location behind a code (`/api/locations/{id}`, `/q/{id}`) and finding a
 * place without one (`/api/places…`). Each table is served by the Lambda named above it.
 */

// public: the place of a QR code, before any sign-in.
export const qrPlaceRoutes: Routes = {
  'GET /api/locations/{id}': async (event) => json(200, await serviceFromEnv().location(pathParam(event, 'id'))),
  // A street QR link on the deployed site (CloudFront sends /q/* here): the resident form of that place.
  'GET /q/{id}': async (event) => {
    const id = pathParam(event, 'id');
    if (!/^[a-z0-9-]{3,40}$/.test(id)) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点');
    return { statusCode: 302, headers: { location: `/pages/report/index?loc=${id}`, 'cache-control': 'no-store' }, body: '' };
  },
};

// resident: places by name or near a point, "me too" candidates at a place, and (issue 13) where a
// request filed at a point goes and the open problems near a QR location.
export const placeRoutes: Routes = {
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
};
