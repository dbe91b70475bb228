import { describe, expect, it } from 'vitest';
import { compositeScore, DEFAULT_RANKING_POLICY, rankingFormula, rankingParts, RankingPolicySchema, rankUnits, type RankCandidate } from './ranking.ts';
import type { Counters } from './stats.ts';

/** An office with n requests: `onTime` of them responded and resolved on time, all ended, `sat` satisfied and `basic` 基本满意. */
function office(unitId: string, n: number, onTime: number, sat = 0, basic = 0): RankCandidate {
  const counters: Counters = {
    received: n,
    respondedOnTime: onTime,
    respondEnded: n,
    resolvedOnTime: onTime,
    resolveEnded: n,
    rated: sat + basic,
    satisfied: sat,
    basic,
  };
  return { unitId, unitName: unitId, kind: 'office', counters };
}

describe('红黑榜: the 三率 composite', () => {
  it('weights 响应率 10 %, 解决率 50 %, 满意率 40 % with 基本满意 counted 0.9', () => {
    const parts = rankingParts({ respondedOnTime: 8, respondEnded: 10, resolvedOnTime: 6, resolveEnded: 10, rated: 4, satisfied: 2, basic: 2 }, 'office');
    expect(parts).toEqual({ response: 0.8, resolve: 0.6, satisfaction: (2 + 0.9 * 2) / 4 });
    // 10 × 0.8 + 50 × 0.6 + 40 × 0.95 = 8 + 30 + 38 = 76
    expect(compositeScore(parts)).toBe(76);
  });

  it('leaves out a part with nothing to measure and scales the other weights (a department does not respond)', () => {
    const parts = rankingParts({ dispatched: 6, respondedOnTime: 0, resolvedOnTime: 3, resolveEnded: 6, rated: 2, satisfied: 1, basic: 1 }, 'department');
    expect(parts.response).toBeNull();
    // (50 × 0.5 + 40 × 0.95) / 90 × 100 = (25 + 38) / 0.9 = 70
    expect(compositeScore(parts)).toBe(70);
    expect(compositeScore({ response: null, resolve: null, satisfaction: null })).toBeNull();
  });

  it('excludes units with fewer than the minimum of requests and bands the rest (top and bottom fifth)', () => {
    const candidates = [
      office('small-perfect', 2, 2, 2), // would top the list with 2 requests
      office('small-bad', 4, 0), // would bottom it
      office('a', 20, 20, 10),
      office('b', 20, 18, 8, 2),
      office('c', 20, 15, 5, 5),
      office('d', 20, 12, 4),
      office('e', 20, 10, 2, 2),
      office('f', 20, 8, 1),
      office('none', 0, 0),
    ];
    const { ranked, unranked } = rankUnits(candidates);
    expect(unranked.map((u) => [u.unitId, u.volume, u.reason])).toEqual([
      ['small-bad', 4, 'too_few'],
      ['small-perfect', 2, 'too_few'],
    ]);
    expect(ranked.map((e) => e.unitId)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // 6 ranked → bands of ceil(6/5) = 2.
    expect(ranked.map((e) => e.list)).toEqual(['red', 'red', null, null, 'black', 'black']);
    expect(ranked.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // The minimum is configurable.
    expect(rankUnits(candidates, { ...DEFAULT_RANKING_POLICY, minRequests: 2 }).ranked[0]!.unitId).toBe('a');
    expect(rankUnits(candidates, { ...DEFAULT_RANKING_POLICY, minRequests: 2 }).ranked.map((e) => e.unitId)).toContain('small-perfect');
  });

  it('one ranked unit is on neither list; a tie across both bands is on neither', () => {
    expect(rankUnits([office('a', 10, 5)]).ranked[0]!.list).toBeNull();
    expect(rankUnits([office('a', 10, 5), office('b', 10, 5)]).ranked.map((e) => [e.rank, e.list])).toEqual([
      [1, null],
      [1, null],
    ]);
  });

  it('publishes the formula of the policy in force; the policy is validated', () => {
    expect(rankingFormula()).toContain('10% × 响应率 + 50% × 解决率 + 40% × 满意率');
    expect(rankingFormula()).toContain('满意率 =（满意 + 0.9 × 基本满意）÷ 评价数');
    expect(rankingFormula({ ...DEFAULT_RANKING_POLICY, minRequests: 8 })).toContain('少于 8 件');
    expect(RankingPolicySchema.safeParse({ ...DEFAULT_RANKING_POLICY, resolveWeight: 60 }).success).toBe(false);
    expect(RankingPolicySchema.safeParse(DEFAULT_RANKING_POLICY).success).toBe(true);
  });
});
