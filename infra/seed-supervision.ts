import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { defaultRiskRules, type Actor, type SynonymGroup } from '@mashang/shared';
import { RiskService } from '../functions/src/app/supervision/risk.ts';
import { riskChecksFor } from '../functions/src/app/resident-runtime.ts';
import { MashangService } from '../functions/src/app/service.ts';
import { TokenService } from '../functions/src/app/sessions/tokens.ts';
import { Workbench } from '../functions/src/app/workbench.ts';
import { InboxStore } from '../functions/src/store/inbox.ts';
import { OrgStore } from '../functions/src/store/org.ts';
import { StaffStore } from '../functions/src/store/staff.ts';
import { SupervisionStore, seedRiskRules } from '../functions/src/store/supervision.ts';
import { TicketStore } from '../functions/src/store/tickets.ts';

/**
 * Demo data for hotspots and risk early warning: the default risk rules (only
 * where none are stored, so admins' edits survive a restart), three
 * near-duplicates of the seed's 149路 request at 甘肃大剧院 from other channels
 * (QR, the grid worker 马超, the 12345 desk), 西街小区's heating complaints
 * worded four ways across QR, 12345 and a letter (one hotspot), one request
 * that trips the 已报警 / 长期纠纷 rules and one plain-language neighbour
 * dispute (邻里纠纷, 扬言伤人: high, so 李强 is alerted) — tasks for 马超
 * (`gll-grid`); and one admin row of the hotspot thesaurus. Filed through the real
 * use cases with the clock set back; idempotent through their client tokens.
 */

const MINUTE = 60_000;
const SECRET = 'local-development-secret-not-for-production-use';

type Filing =
  | { token: string; minutesAgo: number; via: 'resident' | 'grid'; actorId: string; locationId: string; categoryCode: string; description: string }
  | {
      token: string;
      minutesAgo: number;
      via: 'desk';
      gridId: string;
      place: string;
      categoryCode: string;
      description: string;
      phone: string;
      /** How the desk received it (default the 12345 hotline). */
      channel?: 'hotline_12345' | 'letter' | 'visit';
    };

export const DEMO_SUPERVISION_TICKETS: Filing[] = [
  { token: 'seed-hot-0001', minutesAgo: 70, via: 'resident', actorId: 'dev-demo-resident-2', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '149路早高峰班次太少，车来了也挤不上去' },
  { token: 'seed-hot-0002', minutesAgo: 40, via: 'desk', gridId: 'gll-dongjie-g1', place: '甘肃大剧院附近', categoryCode: 'traffic', description: '甘肃大剧院站的149路车早上要等二十分钟', phone: '13609311234' },
  { token: 'seed-hot-0003', minutesAgo: 15, via: 'grid', actorId: 'gll-grid', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '早上坐149路去上班，在大剧院站等了半个多小时都没来车' },
  {
    token: 'seed-risk-0001',
    minutesAgo: 10,
    via: 'resident',
    actorId: 'dev-demo-resident-3',
    locationId: 'loc-dajuyuan',
    categoryCode: 'dispute',
    description: '公交站旁两家商户因占道长期纠纷，昨天差点动起手来，已报警，希望社区尽快调解',
  },
  // 西街小区's heating, worded four ways through QR, 12345 and a letter: one hotspot for 李强 (gll-supervisor).
  { token: 'seed-heat-0001', minutesAgo: 26 * 60, via: 'resident', actorId: 'dev-demo-resident-4', locationId: 'loc-xijie-xiaoqu', categoryCode: 'utilities', description: '家里暖气片摸着冰凉，屋里才十四度，老人冻得睡不着' },
  { token: 'seed-heat-0002', minutesAgo: 20 * 60, via: 'desk', gridId: 'gll-xijie-g1', place: '西街小区5号楼', categoryCode: 'utilities', description: '西街小区今年供暖温度不达标，室温一直不到18度', phone: '13909315678' },
  { token: 'seed-heat-0003', minutesAgo: 9 * 60, via: 'resident', actorId: 'dev-demo-resident-5', locationId: 'loc-xijie-xiaoqu', categoryCode: 'property', description: '暖气不热，找物业说是热力公司的事，来回踢皮球' },
  {
    token: 'seed-heat-0004',
    minutesAgo: 5 * 60,
    via: 'desk',
    channel: 'letter',
    gridId: 'gll-xijie-g1',
    place: '西街小区',
    categoryCode: 'utilities',
    description: '西街小区集中供热效果差，暖气冰拔凉的，晚上在家得穿羽绒服',
    phone: '13809312468',
  },
  // A dispute in plain words (no 邻里矛盾, no 已报警): 邻里纠纷 and 扬言伤人 — a task for 马超 (gll-grid) and an alert for 李强.
  {
    token: 'seed-risk-0002',
    minutesAgo: 6,
    via: 'resident',
    actorId: 'dev-demo-resident-6',
    locationId: 'loc-dajuyuan',
    categoryCode: 'dispute',
    description: '住在大剧院东边的老楼，楼上那家天天半夜拖椅子跺脚，我上去说了几次，他家男的开门就骂，还说再来就让我好看',
  },
];

/**
 * An admin's addition to the hotspot thesaurus (a table row over the bundled
 * default, shared/src/synonyms.ts): Lanzhou's "冰拔凉" for a cold radiator.
 */
export const DEMO_SYNONYMS: SynonymGroup[] = [{ id: 'heating-local', concept: '室温低', terms: ['冰拔凉', '拔凉', '不烫手'], broader: '供暖', aspect: false, enabled: true }];

export async function seedSupervision(db: DynamoDBDocumentClient, tableName: string, opts: { demoTickets: boolean; nowMs: number }): Promise<void> {
  const store = new SupervisionStore(db, tableName);
  await seedRiskRules(store, defaultRiskRules());
  if (!opts.demoTickets) return;
  const tickets = new TicketStore(db, tableName);
  const org = new OrgStore(db, tableName);
  await org.putAll(DEMO_SYNONYMS.map(OrgStore.synonymRow));
  for (const f of DEMO_SUPERVISION_TICKETS) {
    const now = () => opts.nowMs - f.minutesAgo * MINUTE;
    const service: MashangService = new MashangService({
      tickets,
      org,
      tokens: new TokenService(SECRET),
      now,
      risk: new RiskService({ store, tickets, reference: () => service.ref(), now }),
    });
    if (f.via === 'desk') {
      const workbench = new Workbench({ service, tickets, inbox: new InboxStore(db, tableName), staff: new StaffStore(db, tableName), org, now });
      const operator: Actor = { id: 'desk-operator', role: 'operator', unitId: 'chengguan', name: '刘静' };
      await workbench.fileTicket(operator, { clientToken: f.token, channel: f.channel ?? 'hotline_12345', gridId: f.gridId, place: f.place, categoryCode: f.categoryCode, description: f.description, phone: f.phone });
    } else {
      const actor: Actor = f.via === 'grid' ? { id: f.actorId, role: 'grid_worker', unitId: 'gll-dongjie-g1', name: '马超' } : { id: f.actorId, role: 'resident', name: '居民' };
      await service.createTicket(actor, { clientToken: f.token, locationId: f.locationId, categoryCode: f.categoryCode, description: f.description });
    }
  }
  // Their risk checks, as the dispatcher would work them a minute later: the demo's warnings are there at start.
  await riskChecksFor(db, tableName, () => opts.nowMs).run();
}
