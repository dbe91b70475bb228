import {
  CreateStaffInputSchema,
  CreateUnitInputSchema,
  ImportLocationsInputSchema,
  LocationInputSchema,
  MoveUnitInputSchema,
  PostersQuerySchema,
  QrCodeQuerySchema,
  RenameUnitInputSchema,
  CreateMediatorInputSchema,
} from '@mashang/shared/admin-org';
import { AppError } from '@mashang/shared';
import { json, jsonBody, parseWith, pathParam, type HttpResult, type Route } from '../../http/http.ts';

/** A file to download (API Gateway sends base64 bodies as binary). */
function file(contentType: string, filename: string, data: Buffer): HttpResult {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`, 'cache-control': 'no-store' },
    body: data.toString('base64'),
    isBase64Encoded: true,
  };
}
import { orgAdminFromEnv } from './runtime.ts';

/** Refuses non-admins before any input is read, so a refused caller learns nothing from validation. */
function adminOnly(routes: Record<string, Route>): Record<string, Route> {
  return Object.fromEntries(
    Object.entries(routes).map(([key, route]) => [
      key,
      (async (event, ctx) => {
        const who = await ctx.actor();
        if (who.role !== 'admin') throw new AppError('FORBIDDEN', '仅管理员可以进行此操作');
        return route(event, { actor: async () => who });
      }) satisfies Route,
    ]),
  );
}

/**
 * The organisation's admin routes (units, staff, QR locations, posters), under
 * `/api/admin/...`. A route table, so the admin Lambda can mount it next to its own.
 * Every route authenticates first: a non-admin is refused (403) before any input is read.
 */
export const orgAdminRoutes: Record<string, Route> = adminOnly({
  // ---- units
  'GET /api/admin/units': async (_e, { actor }) => json(200, await orgAdminFromEnv().units.list(await actor())),
  'POST /api/admin/units': async (e, { actor }) => {
    const who = await actor();
    return json(201, { unit: await orgAdminFromEnv().units.create(who, parseWith(CreateUnitInputSchema, jsonBody(e))) });
  },
  'PUT /api/admin/units/{id}/name': async (e, { actor }) => {
    const who = await actor();
    return json(200, { unit: await orgAdminFromEnv().units.rename(who, pathParam(e, 'id'), parseWith(RenameUnitInputSchema, jsonBody(e))) });
  },
  'POST /api/admin/units/{id}/move': async (e, { actor }) => {
    const who = await actor();
    return json(200, await orgAdminFromEnv().units.move(who, pathParam(e, 'id'), parseWith(MoveUnitInputSchema, jsonBody(e))));
  },
  'POST /api/admin/units/{id}/deactivate': async (e, { actor }) => json(200, { unit: await orgAdminFromEnv().units.deactivate(await actor(), pathParam(e, 'id')) }),

  // ---- staff
  'GET /api/admin/staff': async (_e, { actor }) => json(200, { items: await orgAdminFromEnv().staff.list(await actor()) }),
  'POST /api/admin/staff': async (e, { actor }) => {
    const who = await actor();
    return json(201, await orgAdminFromEnv().staff.create(who, parseWith(CreateStaffInputSchema, jsonBody(e))));
  },
  'POST /api/admin/staff/{username}/password': async (e, { actor }) => json(200, await orgAdminFromEnv().staff.resetPassword(await actor(), pathParam(e, 'username'))),
  'POST /api/admin/staff/{username}/deactivate': async (e, { actor }) => json(200, { staff: await orgAdminFromEnv().staff.deactivate(await actor(), pathParam(e, 'username')) }),

  // ---- QR locations
  'GET /api/admin/locations': async (e, { actor }) => {
    const who = await actor();
    return json(200, { items: await orgAdminFromEnv().locations.list(who, e.queryStringParameters?.gridId) });
  },
  'POST /api/admin/locations': async (e, { actor }) => {
    const who = await actor();
    return json(201, { location: await orgAdminFromEnv().locations.create(who, parseWith(LocationInputSchema, jsonBody(e))) });
  },
  'PUT /api/admin/locations/{id}': async (e, { actor }) => {
    const who = await actor();
    return json(200, { location: await orgAdminFromEnv().locations.update(who, pathParam(e, 'id'), parseWith(LocationInputSchema, jsonBody(e))) });
  },
  'POST /api/admin/locations/import': async (e, { actor }) => {
    const who = await actor();
    return json(200, await orgAdminFromEnv().locations.importFile(who, parseWith(ImportLocationsInputSchema, jsonBody(e))));
  },

  // ---- mediators
  'GET /api/admin/mediators': async (_e, { actor }) => json(200, { items: await orgAdminFromEnv().mediators.list(await actor()) }),
  'POST /api/admin/mediators': async (e, { actor }) => {
    const who = await actor();
    return json(201, { mediator: await orgAdminFromEnv().mediators.create(who, parseWith(CreateMediatorInputSchema, jsonBody(e))) });
  },
  'POST /api/admin/mediators/{id}/deactivate': async (e, { actor }) => json(200, { mediator: await orgAdminFromEnv().mediators.deactivate(await actor(), pathParam(e, 'id')) }),

  // ---- posters and single codes
  'GET /api/admin/posters': async (e, { actor }) => {
    const who = await actor();
    const q = parseWith(PostersQuerySchema, e.queryStringParameters ?? {});
    const { pdf } = await orgAdminFromEnv().posters.pdf(who, q);
    return file('application/pdf', `二维码海报-${q.gridId ?? '选定地点'}-${q.layout.toUpperCase()}.pdf`, pdf);
  },
  'GET /api/admin/locations/{id}/qr': async (e, { actor }) => {
    const who = await actor();
    const id = pathParam(e, 'id');
    const { format } = parseWith(QrCodeQuerySchema, e.queryStringParameters ?? {});
    if (format === 'wxacode') {
      const code = await orgAdminFromEnv().posters.miniCode(who, id);
      // Says which one it is: the 小程序码, or the URL code it fell back to.
      const reply = file('image/png', `${id}-${code.kind}.png`, code.png);
      return { ...reply, headers: { ...reply.headers, 'x-code-kind': code.kind } };
    }
    const data = await orgAdminFromEnv().posters.code(who, id, format);
    return file(format === 'svg' ? 'image/svg+xml' : 'image/png', `${id}.${format}`, data);
  },
});

/** The resident-facing mediator route lives in the public function (./public-routes.ts, no poster code in its bundle). */
export { orgPublicRoutes } from './public-routes.ts';
