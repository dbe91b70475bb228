import { WeChatApi } from '../../adapters/wechat.ts';
import { WxaCodeApi } from '../../adapters/wxacode.ts';
import { wechatFromEnv } from '../../app/sessions/identity.ts';
import { withSecrets } from '../../app/secrets.ts';
import { createDocClient, storeConfigFromEnv } from '../../store/client.ts';
import { LocationAdmin } from './locations.ts';
import { MediatorAdmin } from './mediators.ts';
import { PosterAdmin, type PosterConfig } from './poster-admin.ts';
import { StaffAdmin } from './staff.ts';
import type { OrgAdminPort } from '../../ports/org-changes.ts';
import { OrgAdminStore } from './store.ts';
import { UnitAdmin } from './units.ts';

export interface OrgAdmin {
  units: UnitAdmin;
  staff: StaffAdmin;
  locations: LocationAdmin;
  posters: PosterAdmin;
  mediators: MediatorAdmin;
}

/** Builds the organisation's administration from its store (the DynamoDB one, or the memory twin) and clock (tests pass their own). */
export function buildOrgAdmin(store: OrgAdminPort, now: () => number, posters: PosterConfig = { linkBase: '', hotline: '12345' }): OrgAdmin {
  const deps = { store, now };
  return { units: new UnitAdmin(deps), staff: new StaffAdmin(deps), locations: new LocationAdmin(deps), posters: new PosterAdmin({ ...deps, posters }), mediators: new MediatorAdmin(deps) };
}

let built: OrgAdmin | undefined;

/** The organisation's administration of a warm Lambda, built once from the environment. */
export function orgAdminFromEnv(processEnv: NodeJS.ProcessEnv = process.env): OrgAdmin {
  if (built) return built;
  // The WeChat credentials (小程序码) are read at run time (functions/src/app/secrets.ts).
  const env = withSecrets(processEnv);
  const config = storeConfigFromEnv(env);
  built = buildOrgAdmin(new OrgAdminStore(createDocClient(config), config.tableName), () => Date.now(), {
    linkBase: env.QR_LINK_BASE ?? '',
    hotline: env.POSTER_HOTLINE || '12345',
    wxacode: wxacodeFromEnv(env),
  });
  return built;
}

/** The 小程序码 adapter when this stage talks to WeChat (its cached access token), else none: posters then carry the URL code. */
function wxacodeFromEnv(env: NodeJS.ProcessEnv): WxaCodeApi | undefined {
  const wechat = wechatFromEnv(env).login;
  if (!(wechat instanceof WeChatApi)) return undefined;
  return new WxaCodeApi({
    accessToken: () => wechat.accessToken(),
    baseUrl: env.WECHAT_API_BASE || undefined,
    envVersion: env.WECHAT_MINIPROGRAM_STATE === 'formal' ? 'release' : env.WECHAT_MINIPROGRAM_STATE === 'trial' ? 'trial' : 'develop',
  });
}
