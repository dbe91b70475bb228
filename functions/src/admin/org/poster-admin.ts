import { AppError, type Actor, type Location } from '@mashang/shared';
import type { PostersQuerySchema } from '@mashang/shared/admin-org';
import type * as z from 'zod/mini';
import type { OrgAdminDeps } from './deps.ts';
import { formUrl } from './poster-links.ts';

/** PDFKit, its CJK font and the QR renderer load when a poster or code is asked for, not when the admin function starts. */
const posters = () => import('./posters.ts');
import { posterCode, type PosterCode, type WxaCodeApi } from '../../adapters/wxacode.ts';
import { adminScope, unitInScope } from './scope.ts';

export interface PosterConfig {
  /** The public origin serving `/q/<id>` (the resident form); set per stage. */
  linkBase: string;
  hotline: string;
  /** The 小程序码 adapter where the stage has WeChat credentials. */
  wxacode?: WxaCodeApi;
}

/** Posters and single codes of the admin's QR locations. */
export class PosterAdmin {
  constructor(private readonly deps: OrgAdminDeps & { posters: PosterConfig }) {}

  private base(): string {
    if (!this.deps.posters.linkBase) throw new AppError('UPSTREAM_FAILED', '未配置二维码链接地址（QR_LINK_BASE），请联系系统运维');
    return this.deps.posters.linkBase;
  }

  /** One PDF with the posters of a whole grid, or of the chosen locations, in order. */
  async pdf(actor: Actor, q: z.output<typeof PostersQuerySchema>): Promise<{ pdf: Buffer; count: number }> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    let locations: Location[] = [];
    if (q.gridId) {
      const grid = unitInScope(scope, units, q.gridId, 'gridId');
      locations = (await this.deps.store.locationsOfGrid(grid.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    }
    for (const id of q.ids ?? []) {
      const loc = await this.deps.store.location(id);
      if (!loc || !scope.has(units.get(loc.gridId))) throw new AppError('LOCATION_NOT_FOUND', `二维码地点 ${id} 不存在`);
      if (!locations.some((l) => l.id === id)) locations.push(loc);
    }
    if (locations.length === 0) throw new AppError('VALIDATION_FAILED', '该网格还没有二维码地点', [{ path: 'gridId', message: '该网格还没有二维码地点' }]);
    const base = this.base();
    const pdf = await (await posters()).renderPosters(
      locations.map((location) => ({ location, url: formUrl(base, location.id), hotline: this.deps.posters.hotline })),
      q.layout,
    );
    return { pdf, count: locations.length };
  }

  /** A single location's code as SVG or PNG. */
  async code(actor: Actor, id: string, format: 'svg' | 'png'): Promise<Buffer> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const loc = await this.deps.store.location(id);
    if (!loc || !scope.has(units.get(loc.gridId))) throw new AppError('LOCATION_NOT_FOUND', '二维码地点不存在');
    return (await posters()).qrImage(formUrl(this.base(), loc.id), format);
  }

  /** The mini-program code (小程序码) of a location, or its URL code when WeChat cannot give one. */
  async miniCode(actor: Actor, id: string): Promise<PosterCode> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const loc = await this.deps.store.location(id);
    if (!loc || !scope.has(units.get(loc.gridId))) throw new AppError('LOCATION_NOT_FOUND', '二维码地点不存在');
    const url = formUrl(this.base(), loc.id);
    return posterCode(this.deps.posters.wxacode, loc.id, async () => (await posters()).qrImage(url, 'png'));
  }
}
