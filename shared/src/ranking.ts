/**
 * The red/black list (红黑榜): a monthly ranking a supervisor can accept.
 *
 * - Like with like: street offices are ranked with street offices, departments with
 *   departments, communities with communities.
 * - Only units with at least `minRequests` requests in the month are ranked (received
 *   for an office, dispatched for a department or community); the others are listed as
 *   "not ranked" with their count, so two requests and one breach do not top a list.
 * - The score is the 三率 composite of Beijing-area 12345 evaluations — 响应率 10 %,
 *   解决率 50 %, 满意率 40 % — with 满意率 = (满意 + 0.9 × 基本满意) ÷ 评价数. Weights, the
 *   基本满意 factor and the minimum are configurable; the formula text is built from the
 *   policy in force and published on the page.
 * - A part with nothing to measure (a department does not respond; no ratings yet) is left
 *   out and the other weights are scaled up, rather than counting as full marks.
 *
 * Pure: the counters come from shared/src/stats.ts.
 */
import * as z from 'zod/mini';
import type { Counters } from './stats.ts';
import { lazySchema } from './lazy-schema.ts';

export const RankingPolicySchema = lazySchema(() => z.object({
  /** Requests a unit must have in the month to be ranked. */
  minRequests: z.int().check(z.gte(1, '最少诉求数至少为 1'), z.lte(10_000)),
  /** Weights of 响应率, 解决率 and 满意率, in per cent. */
  responseWeight: z.number().check(z.gte(0), z.lte(100)),
  resolveWeight: z.number().check(z.gte(0), z.lte(100)),
  satisfactionWeight: z.number().check(z.gte(0), z.lte(100)),
  /** How much one 基本满意 counts of a 满意 in 满意率. */
  basicFactor: z.number().check(z.gte(0), z.lte(1)),
}).check(z.refine((p) => Math.abs(p.responseWeight + p.resolveWeight + p.satisfactionWeight - 100) < 1e-9, { message: '三项权重之和应为 100', path: ['satisfactionWeight'] })));
export type RankingPolicy = z.infer<typeof RankingPolicySchema>;

export const DEFAULT_RANKING_POLICY: Readonly<RankingPolicy> = Object.freeze({
  minRequests: 5,
  responseWeight: 10,
  resolveWeight: 50,
  satisfactionWeight: 40,
  basicFactor: 0.9,
});

export type RankKind = 'office' | 'department' | 'community';

export interface RankingParts {
  /** 响应率 = 按时响应数 ÷ 响应时限已到或已响应数 (offices only). */
  response: number | null;
  /** 解决率 = 按时办结数 ÷ 办结时限已到或已办结数. */
  resolve: number | null;
  /** 满意率 = (满意 + f × 基本满意) ÷ 评价数. */
  satisfaction: number | null;
}

const pct = (n: number) => `${Math.round(n * 100) / 100}%`;

/** The formula as published on the page, for the policy in force. */
export function rankingFormula(p: RankingPolicy = DEFAULT_RANKING_POLICY): string {
  return (
    `综合得分（百分制）= ${pct(p.responseWeight)} × 响应率 + ${pct(p.resolveWeight)} × 解决率 + ${pct(p.satisfactionWeight)} × 满意率。` +
    `响应率 = 按时响应数 ÷ 响应时限已到或已响应数；解决率 = 按时办结数 ÷ 办结时限已到或已办结数；` +
    `满意率 =（满意 + ${p.basicFactor} × 基本满意）÷ 评价数。部门、社区不考核响应，无评价的单位不计满意率，缺项的权重按比例分给其余各项。` +
    `街道与街道比、部门与部门比、社区与社区比；当月诉求（街道按受理、部门和社区按派办）少于 ${p.minRequests} 件的单位不参与排名。`
  );
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export function rankingParts(c: Counters, kind: RankKind, p: RankingPolicy = DEFAULT_RANKING_POLICY): RankingParts {
  const v = (k: keyof Counters) => c[k] ?? 0;
  return {
    response: kind === 'office' ? ratio(v('respondedOnTime'), v('respondEnded')) : null,
    resolve: ratio(v('resolvedOnTime'), v('resolveEnded')),
    satisfaction: ratio(v('satisfied') + p.basicFactor * v('basic'), v('rated')),
  };
}

/** The composite score on a 100-point scale, one decimal; null when no part can be measured. */
export function compositeScore(parts: RankingParts, p: RankingPolicy = DEFAULT_RANKING_POLICY): number | null {
  const terms: Array<[number | null, number]> = [
    [parts.response, p.responseWeight],
    [parts.resolve, p.resolveWeight],
    [parts.satisfaction, p.satisfactionWeight],
  ];
  let sum = 0;
  let weight = 0;
  for (const [value, w] of terms) {
    if (value === null || w === 0) continue;
    sum += w * value;
    weight += w;
  }
  if (weight === 0) return null;
  // Round half up to one decimal; the epsilon absorbs binary noise such as 84.75 → 84.7499…
  return Math.round(((sum / weight) * 100 * 10) + 1e-9) / 10;
}

/** Requests that make a unit eligible: received for an office, dispatched for a department or community. */
export function rankingVolume(c: Counters, kind: RankKind): number {
  return kind === 'office' ? (c.received ?? 0) : (c.dispatched ?? 0);
}

export interface RankCandidate {
  unitId: string;
  unitName: string;
  kind: RankKind;
  counters: Counters;
}

export interface RankedEntry extends RankCandidate {
  rank: number;
  score: number;
  parts: RankingParts;
  list: 'red' | 'black' | null;
}

export interface UnrankedEntry extends RankCandidate {
  volume: number;
  reason: 'too_few' | 'nothing_measured';
}

/**
 * Ranks one kind of unit. The top and bottom fifth (at least one each) of the ranked units
 * make the red and black lists when at least two are ranked; a score shared across the two
 * bands puts nobody with that score on either list.
 */
export function rankUnits(candidates: readonly RankCandidate[], p: RankingPolicy = DEFAULT_RANKING_POLICY): { ranked: RankedEntry[]; unranked: UnrankedEntry[] } {
  const ranked: RankedEntry[] = [];
  const unranked: UnrankedEntry[] = [];
  for (const c of candidates) {
    const volume = rankingVolume(c.counters, c.kind);
    if (volume === 0) continue; // nothing this month: not listed at all
    if (volume < p.minRequests) {
      unranked.push({ ...c, volume, reason: 'too_few' });
      continue;
    }
    const parts = rankingParts(c.counters, c.kind, p);
    const score = compositeScore(parts, p);
    if (score === null) unranked.push({ ...c, volume, reason: 'nothing_measured' });
    else ranked.push({ ...c, parts, score, rank: 0, list: null });
  }
  ranked.sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh'));
  const band = ranked.length >= 2 ? Math.max(1, Math.ceil(ranked.length / 5)) : 0;
  const redScores = new Set(ranked.slice(0, band).map((e) => e.score));
  const blackScores = new Set(ranked.slice(ranked.length - band).map((e) => e.score));
  ranked.forEach((e, i) => {
    e.rank = i > 0 && ranked[i - 1]!.score === e.score ? ranked[i - 1]!.rank : i + 1;
    const contested = redScores.has(e.score) && blackScores.has(e.score);
    if (i < band && !contested) e.list = 'red';
    else if (i >= ranked.length - band && !contested) e.list = 'black';
  });
  unranked.sort((a, b) => b.volume - a.volume || a.unitName.localeCompare(b.unitName, 'zh'));
  return { ranked, unranked };
}
