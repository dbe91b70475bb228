import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RISK_RULES, type Actor } from '@mashang/shared';
import { RiskService } from '../functions/src/app/risk.ts';
import { MashangService } from '../functions/src/app/service.ts';
import { TokenService } from '../functions/src/app/tokens.ts';
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
 * (QR, the grid worker 马超, the 12345 desk), and one request that trips the
 * 已报警 / 长期纠纷 rules — a task for 马超 (`gll-grid`). Filed through the real
 * use cases with the clock set back; idempotent through their client tokens.
 */

const MINUTE = 60_000;
const SECRET = 'local-development-secret-not-for-production-use';

type Filing =
  | { token: string; minutesAgo: number; via: 'resident' | 'grid'; actorId: string; locationId: string; categoryCode: string; description: string }
  | { token: string; minutesAgo: number; via: 'desk'; gridId: string; place: string; categoryCode: string; description: string; phone: string };

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
];

export async function seedSupervision(db: DynamoDBDocumentClient, tableName: string, opts: { demoTickets: boolean; nowMs: number }): Promise<void> {
  const store = new SupervisionStore(db, tableName);
  await seedRiskRules(store, DEFAULT_RISK_RULES);
  if (!opts.demoTickets) return;
  const tickets = new TicketStore(db, tableName);
  const org = new OrgStore(db, tableName);
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
      await workbench.fileTicket(operator, { clientToken: f.token, channel: 'hotline_12345', gridId: f.gridId, place: f.place, categoryCode: f.categoryCode, description: f.description, phone: f.phone });
    } else {
      const actor: Actor = f.via === 'grid' ? { id: f.actorId, role: 'grid_worker', unitId: 'gll-dongjie-g1', name: '马超' } : { id: f.actorId, role: 'resident', name: '居民' };
      await service.createTicket(actor, { clientToken: f.token, locationId: f.locationId, categoryCode: f.categoryCode, description: f.description });
    }
  }
}
