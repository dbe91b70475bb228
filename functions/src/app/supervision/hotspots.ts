import {
  AppError,
  buildPlaceLexicon,
  CHANNEL_LABELS,
  CHANNELS,
  clusterHotspots,
  clusterOf,
  fromEpochMs,
  lexiconWords,
  segment,
  STATUS_LABELS,
  toEpochMs,
  windowEndingAt,
  type Actor,
  type Category,
  type Channel,
  type HotspotCluster,
  type HotspotsReply,
  type HotspotView,
  type Ticket,
  type Thesaurus,
  type TicketHotspotReply,
  type Unit,
} from '@mashang/shared';
import type { Segmenter } from '../../adapters/segmenter.ts';
import type { SupervisionStore } from '../../store/supervision.ts';
import type { TicketReads } from '../../ports/tickets.ts';
import { officesFor, scopeUnit, staffUnitOf, SUPERVISION_READERS, ticketInSubtree } from './scope.ts';

export interface HotspotDeps {
  store: SupervisionStore;
  tickets: Pick<TicketReads, 'get'>;
  /** Units and categories (reference.ts, cached in the warm Lambda). */
  reference: () => Promise<{ units: Map<string, Unit>; categories: Map<string, Category> }>;
  /** The thesaurus: the bundled default with admins' rows merged in (./thesaurus.ts, cached in the warm Lambda). */
  thesaurus: () => Promise<Thesaurus>;
  segmenter: () => Promise<Segmenter>;
  now: () => number;
  /** Most requests compared per office and window; the newest are kept (default 2,000). */
  maxPerOffice?: number;
  /** Similarity threshold (default: the measure's, shared/src/hotspots.ts). */
  threshold?: number;
}

const DAY_MS = 86_400_000;

/**
 * Hotspots for supervisors and handlers. Candidates are the requests the
 * relevant street offices received in the window, read from the byOrigin
 * index (one query per office and month touched): every channel and every
 * status (rejected ones left out), with or without a QR location — the
 * openAtPlace index would miss requests without a QR location (12345, 110,
 * letters), closed ones, and would need a query per location. Segmentation is
 * jieba with the candidates' place names added; the grouping is the pure
 * `clusterHotspots` of shared/src/hotspots.ts.
 */
export class HotspotService {
  constructor(private readonly deps: HotspotDeps) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  /** Hotspots of a unit's subtree in the last `days`, largest first. */
  async hotspots(actor: Actor, query: { unitId?: string; days: number; minSize: number }): Promise<HotspotsReply> {
    const actorUnit = staffUnitOf(actor, SUPERVISION_READERS, '查看热点');
    const ref = await this.deps.reference();
    const unit = scopeUnit(actor, query.unitId, ref.units);
    const { from, to } = windowEndingAt(this.nowIso(), query.days);
    const { tickets, truncated } = await this.candidates(officesFor(unit, ref.units), from, to);
    const clusters = await this.cluster(tickets, query.minSize);
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const items = clusters
      .filter((c) => c.memberIds.some((id) => ticketInSubtree(byId.get(id)!, unit.id, ref.units)))
      .map((c) => this.view(c, byId, actorUnit, ref));
    return { unitId: unit.id, from, to, considered: tickets.length, truncated, items };
  }

  /** The hotspot one request belongs to, looking `days` either side of its receipt. */
  async ticketHotspot(actor: Actor, ticketId: string, days: number): Promise<TicketHotspotReply> {
    const actorUnit = staffUnitOf(actor, SUPERVISION_READERS, '查看热点');
    const ref = await this.deps.reference();
    const ticket = await this.deps.tickets.get(ticketId);
    if (!ticket || !ticketInSubtree(ticket, actorUnit, ref.units)) throw new AppError('TICKET_NOT_FOUND', '未找到该诉求');
    const at = toEpochMs(ticket.receivedAt);
    const from = fromEpochMs(at - days * DAY_MS);
    const to = fromEpochMs(Math.min(at + days * DAY_MS, Math.max(this.deps.now(), at)));
    const office = ref.units.get(ticket.originUnitId ?? ticket.coordinatorUnitId);
    const offices = office ? officesFor(office, ref.units) : [ticket.originUnitId ?? ticket.coordinatorUnitId];
    const { tickets } = await this.candidates(offices, from, to);
    // The request itself is a candidate even when it was rejected or lies outside the read cap.
    if (!tickets.some((t) => t.id === ticket.id)) tickets.push(ticket);
    const cluster = clusterOf(ticket.id, await this.cluster(tickets, 2));
    const byId = new Map(tickets.map((t) => [t.id, t]));
    return { ticketId: ticket.id, from, to, hotspot: cluster ? this.view(cluster, byId, actorUnit, ref) : null };
  }

  private async candidates(officeIds: string[], from: string, to: string): Promise<{ tickets: Ticket[]; truncated: boolean }> {
    const cap = this.deps.maxPerOffice ?? 2_000;
    const pages = await Promise.all(officeIds.map((id) => this.deps.store.receivedByOffice(id, from, to, cap)));
    const seen = new Map<string, Ticket>();
    for (const page of pages) for (const t of page.items) if (t.status !== 'rejected') seen.set(t.id, t);
    return { tickets: [...seen.values()], truncated: pages.some((p) => p.truncated) };
  }

  private async cluster(tickets: Ticket[], minSize: number): Promise<HotspotCluster[]> {
    if (tickets.length < minSize) return [];
    const thesaurus = await this.deps.thesaurus();
    const lexicon = buildPlaceLexicon(tickets.map((t) => t.locationName));
    const segmenter = await this.deps.segmenter();
    // Place names and the thesaurus' words stay whole (only words not yet known are loaded).
    segmenter.addWords([...lexiconWords(lexicon), ...thesaurus.words]);
    const inputs = tickets.map((t) => ({
      id: t.id,
      tokens: segment(t.description, segmenter.cut),
      text: t.description,
      categoryCode: t.categoryCode,
      receivedAt: t.receivedAt,
      channel: t.channel,
      locationId: t.locationId,
      locationName: t.locationName,
      gridId: t.gridId,
    }));
    return clusterHotspots(inputs, lexicon, { threshold: this.deps.threshold, minSize, thesaurus });
  }

  private view(cluster: HotspotCluster, byId: Map<string, Ticket>, viewerUnit: string, ref: { units: Map<string, Unit>; categories: Map<string, Category> }): HotspotView {
    const all = cluster.memberIds.map((id) => byId.get(id)!);
    const visible = all.filter((t) => ticketInSubtree(t, viewerUnit, ref.units));
    const categories = new Map<string, number>();
    for (const t of all) categories.set(t.categoryCode, (categories.get(t.categoryCode) ?? 0) + 1);
    return {
      id: cluster.id,
      size: all.length,
      keywords: cluster.keywords,
      places: cluster.places,
      channels: CHANNELS.filter((c) => cluster.channels[c]).map((c: Channel) => ({ channel: c, label: CHANNEL_LABELS[c], count: cluster.channels[c]! })),
      categories: [...categories].map(([code, count]) => ({ code, name: ref.categories.get(code)?.name ?? code, count })).sort((a, b) => b.count - a.count),
      firstAt: cluster.firstAt,
      lastAt: cluster.lastAt,
      members: visible.map((t) => ({
        id: t.id,
        status: t.status,
        statusLabel: STATUS_LABELS[t.status],
        channel: t.channel,
        channelLabel: CHANNEL_LABELS[t.channel],
        categoryCode: t.categoryCode,
        categoryName: ref.categories.get(t.categoryCode)?.name ?? t.categoryCode,
        summary: t.description.length > 60 ? `${t.description.slice(0, 60)}…` : t.description,
        locationName: t.locationName,
        receivedAt: t.receivedAt,
        ...(t.mergedInto ? { mergedInto: t.mergedInto } : {}),
      })),
      hiddenCount: all.length - visible.length,
    };
  }
}
