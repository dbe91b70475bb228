import {
  AppError,
  CLOCKS,
  contribution,
  fromEpochMs,
  handlingRates,
  instantAtLocal,
  isWithin,
  DEFAULT_RANKING_POLICY,
  RATE_FORMULAS,
  rankingFormula,
  rankUnits,
  rates,
  type RankingPolicy,
  type RankKind,
  sumCounters,
  type Actor,
  type BreachListReply,
  type Counters,
  type Figure,
  type RankingReply,
  type ReportRow,
  type SlaReport,
  type StatRole,
  type TicketListItem,
  type Unit,
} from '@mashang/shared';
import type { StatRow, StatStore } from '../../store/stats.ts';
import type { TicketCommands } from '../acts.ts';
import type { ReferenceReader } from '../reference.ts';
import { toListItem } from '../reading/views.ts';

const SUPERVISING_ROLES = new Set(['supervisor', 'admin']);

/** The last day of a YYYY-MM month. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/**
 * Supervisors' figures: SLA reports, drill-downs, the red/black list and the
 * breach list. Figures come from the counters kept in each ticket's
 * transaction (shared/src/stats.ts), so a month of a county reads
 * units × days × categories items, never every request.
 */
export class ReportService {
  constructor(
    private readonly deps: {
      stats: StatStore;
      /** Units and categories (reference.ts). */
      reference: ReferenceReader;
      /** Urging a unit's overdue requests is a command on each. */
      commands: TicketCommands;
      now: () => number;
      rankingPolicy?: () => Promise<RankingPolicy | undefined>;
    },
  ) {}

  /** The units below (and including) `unitId` that `actor` may supervise; 403 otherwise. */
  private async subtree(actor: Actor, unitId: string | undefined): Promise<{ root: Unit; units: Unit[]; byId: Map<string, Unit> }> {
    if (!SUPERVISING_ROLES.has(actor.role) || !actor.unitId) throw new AppError('FORBIDDEN', '仅督办人员可查看统计');
    const { units } = await this.deps.reference.ref();
    const root = units.get(unitId ?? actor.unitId);
    if (!root) throw new AppError('UNIT_NOT_FOUND', '单位不存在');
    if (!isWithin(root, actor.unitId)) throw new AppError('FORBIDDEN', '只能查看本单位及下级单位的统计');
    return { root, units: [...units.values()].filter((u) => isWithin(u, root.id)), byId: units };
  }

  private row(key: string, name: string, role: StatRole, rows: Iterable<Counters>): ReportRow {
    const counters = sumCounters(rows);
    return { key, name, role, counters, rates: role === 'origin' ? rates(counters) : handlingRates(counters) };
  }

  async slaReport(actor: Actor, q: { unitId?: string; from: string; to: string }): Promise<SlaReport> {
    const { root, units } = await this.subtree(actor, q.unitId);
    const { categories } = await this.deps.reference.ref();
    let itemsRead = 0;
    const origin: StatRow[] = [];
    const handling: StatRow[] = [];
    await Promise.all(
      units.flatMap((u) =>
        (['origin', 'handling'] as const).map(async (role) => {
          const res = await this.deps.stats.rows(u.id, role, q.from, q.to);
          itemsRead += res.read;
          (role === 'origin' ? origin : handling).push(...res.rows);
        }),
      ),
    );
    const group = (rows: StatRow[], by: (r: StatRow) => string) => {
      const m = new Map<string, Counters[]>();
      for (const r of rows) m.set(by(r), [...(m.get(by(r)) ?? []), r.counters]);
      return m;
    };
    const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
    const byUnit = [
      ...[...group(origin, (r) => r.unitId)].map(([id, rows]) => this.row(id, unitName(id), 'origin', rows)),
      ...[...group(handling, (r) => r.unitId)].map(([id, rows]) => this.row(id, unitName(id), 'handling', rows)),
    ].sort((a, b) => (b.counters.received ?? 0) + (b.counters.dispatched ?? 0) - (a.counters.received ?? 0) - (a.counters.dispatched ?? 0));
    const byCategory = [...group(origin, (r) => r.categoryCode)]
      .map(([code, rows]) => this.row(code, categories.get(code)?.name ?? code, 'origin', rows))
      .sort((a, b) => (b.counters.received ?? 0) - (a.counters.received ?? 0));
    const byDay = [...group(origin, (r) => r.day)].map(([day, rows]) => this.row(day, day, 'origin', rows)).sort((a, b) => a.key.localeCompare(b.key));
    return {
      unitId: root.id,
      unitName: root.name,
      from: q.from,
      to: q.to,
      totals: this.row(root.id, root.name, 'origin', origin.map((r) => r.counters)),
      byUnit,
      byCategory,
      byDay,
      formulas: { ...RATE_FORMULAS, ranking: rankingFormula(await this.rankingPolicy()) },
      itemsRead,
    };
  }

  /** The requests behind one figure of a report row (a unit, optionally one category). */
  async drillDown(
    actor: Actor,
    q: { unitId: string; from: string; to: string; figure: Figure; role: StatRole; categoryCode?: string },
  ): Promise<{ items: TicketListItem[] }> {
    await this.subtree(actor, q.unitId);
    const fromInstant = instantAtLocal(q.from, 0);
    const toInstant = instantAtLocal(q.to, 1440);
    // Origin figures live with the receiving office; handling figures can come from any office's requests.
    const sources = q.role === 'origin' ? [q.unitId] : (await this.subtree(actor, undefined)).units.map((u) => u.id);
    const tickets = (await Promise.all(sources.map((id) => this.deps.stats.receivedBy(id, q.from, q.to, fromInstant, toInstant)))).flat();
    const matches = tickets.filter((t) =>
      [...contribution(t).values()].some(
        (row) => row.role === q.role && row.unitId === q.unitId && (!q.categoryCode || row.categoryCode === q.categoryCode) && (row.counters[q.figure] ?? 0) > 0,
      ),
    );
    const ref = await this.deps.reference.ref();
    const ctx = { units: ref.units, categories: ref.categories, now: fromEpochMs(this.deps.now()) };
    return { items: matches.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).map((t) => toListItem(t, ctx)) };
  }

  /** The red/black list policy in force: the admin's, or the default 三率 composite. */
  private async rankingPolicy(): Promise<RankingPolicy> {
    return (await this.deps.rankingPolicy?.()) ?? DEFAULT_RANKING_POLICY;
  }

  /**
   * The monthly red/black list (红黑榜): street offices with street offices, departments with
   * departments, communities with communities; only units with at least the policy's
   * minimum of requests are ranked (shared/src/ranking.ts).
   */
  async ranking(actor: Actor, q: { month: string; unitId?: string }): Promise<RankingReply> {
    const { units } = await this.subtree(actor, q.unitId);
    const policy = await this.rankingPolicy();
    const from = `${q.month}-01`;
    const to = monthEnd(q.month);
    const unranked: NonNullable<RankingReply['unranked']> = [];
    const rank = async (kind: RankKind, members: Unit[]) => {
      const role: StatRole = kind === 'office' ? 'origin' : 'handling';
      const candidates = await Promise.all(
        members.map(async (u) => ({
          unitId: u.id,
          unitName: u.name,
          kind,
          counters: sumCounters((await this.deps.stats.rows(u.id, role, from, to)).rows.map((r) => r.counters)),
        })),
      );
      const result = rankUnits(candidates, policy);
      unranked.push(...result.unranked.map(({ unitId, unitName, kind: k, volume, reason }) => ({ unitId, unitName, kind: k, volume, reason })));
      return result.ranked.map((e) => ({
        unitId: e.unitId,
        unitName: e.unitName,
        kind: e.kind,
        rank: e.rank,
        score: e.score,
        list: e.list,
        parts: e.parts,
        counters: e.counters,
        rates: role === 'origin' ? rates(e.counters as Required<Counters>) : handlingRates(e.counters as Required<Counters>),
      }));
    };
    const offices = await rank('office', units.filter((u) => u.kind === 'street'));
    const departments = await rank('department', units.filter((u) => u.kind === 'department'));
    const communities = await rank('community', units.filter((u) => u.kind === 'community'));
    return { month: q.month, formula: rankingFormula(policy), offices, departments, communities, unranked, minRequests: policy.minRequests };
  }

  /** Open breaches in the actor's subtree, oldest first, with the responsible unit. */
  async breaches(actor: Actor, unitId?: string): Promise<BreachListReply> {
    const { units, byId } = await this.subtree(actor, unitId);
    const tickets = (await Promise.all(units.map((u) => this.deps.stats.openBreaches(u.id)))).flat();
    const ref = await this.deps.reference.ref();
    const ctx = { units: ref.units, categories: ref.categories, now: fromEpochMs(this.deps.now()) };
    const items = tickets.map((t) => {
      const breached = CLOCKS.filter((c) => t.clocks[c].breachedAt && !t.clocks[c].metAt);
      // A breach happened at the deadline; when the sweeper recorded it is kept apart.
      const firstBreachAt = breached.map((c) => t.clocks[c].dueAt).sort()[0]!;
      const breachRecordedAt = breached.map((c) => t.clocks[c].breachedAt!).sort()[0]!;
      return { ...toListItem(t, ctx), currentUnitId: t.currentUnitId, currentUnitName: byId.get(t.currentUnitId)?.name ?? t.currentUnitId, firstBreachAt, breachRecordedAt, breachedClocks: breached };
    });
    return { items: items.sort((a, b) => a.firstBreachAt.localeCompare(b.firstBreachAt)) };
  }

  /**
   * Urges a unit (督办): every open breached request in its inbox gets an
   * `urge` (recorded in its history, supervision level raised, handlers
   * notified). Returns how many requests were urged.
   */
  async urgeUnit(actor: Actor, unitId: string, note: string): Promise<{ urged: number; ticketIds: string[] }> {
    const { root } = await this.subtree(actor, unitId);
    const open = await this.deps.stats.openBreaches(root.id);
    const urged: string[] = [];
    for (const t of open) {
      try {
        await this.deps.commands.command(actor, t.id, { type: 'urge', note });
        urged.push(t.id);
      } catch (err) {
        // A request that moved on meanwhile is simply not urged; anything else is a fault.
        if (!(err instanceof AppError) || err.status !== 409) throw err;
      }
    }
    return { urged: urged.length, ticketIds: urged };
  }
}
