import { describe, expect, it } from 'vitest';
import {
  averageLinkage,
  buildPlaceLexicon,
  canonicalReadings,
  clusterHotspots,
  featuresOf,
  isInquiry,
  segment,
  siblingConflict,
  withoutHypotheticals,
  type HotspotInput,
} from './hotspots.ts';
import { defaultThesaurus } from './synonyms.ts';

/**
 * The grouping method of issue #15's second round: average linkage instead of
 * chained single links, hypothetical clauses, sibling sub-topics (施工噪音 vs
 * 生活噪音), questions vs complaints, temperature readings and split verbs.
 * The text is scanned for thesaurus words, so a trivial segmenter (single
 * characters) is enough here: the words the rules need come from the thesaurus.
 */

const NOW = Date.parse('2026-11-30T04:00:00.000Z');
const chars = (text: string) => [...text];

function req(id: string, text: string, over: Partial<HotspotInput> = {}): HotspotInput {
  return {
    id,
    text,
    tokens: segment(text, chars),
    categoryCode: 'property',
    channel: 'qr',
    receivedAt: new Date(NOW - Number(id.replace(/\D/g, '') || 1) * 3_600_000).toISOString(),
    locationId: 'loc-jinyu',
    locationName: '金雨花园3号楼',
    gridId: 'g3',
    ...over,
  };
}
const LEXICON = buildPlaceLexicon(['金雨花园3号楼', '西街小区南门', '幸福家园小区北门', '铁路新村社区服务站']);
const groupsOf = (inputs: HotspotInput[]) => clusterHotspots(inputs, LEXICON).map((c) => c.memberIds.slice().sort());

describe('average linkage', () => {
  it('does not chain two groups through one request alike to a member of each', () => {
    const sim = (i: number, j: number) => {
      const key = `${Math.min(i, j)}-${Math.max(i, j)}`;
      return ({ '0-1': 0.9, '3-4': 0.9, '1-2': 0.5, '2-3': 0.5 } as Record<string, number>)[key] ?? 0;
    };
    expect(averageLinkage([0, 1, 2, 3, 4], sim, 0.3)).toEqual([[0, 1], [2], [3, 4]]);
    // A cannot-link pair (conflicting sub-topics, a question and a complaint) never ends in one group, whatever the mean.
    const chained = (i: number, j: number) => (i + j === 2 && i !== j ? -1e9 : 0.9);
    expect(averageLinkage([0, 1, 2], chained, 0.3)).toEqual([[0, 1], [2]]);
    expect(averageLinkage([0, 1, 2], (i, j) => (i + j === 2 && i !== j ? 0 : 0.9), 0.3)).toEqual([[0, 1, 2]]);
    // Alike to the whole group, it joins.
    const close = (i: number, j: number) => (i === j ? 1 : 0.6);
    expect(averageLinkage([0, 1, 2], close, 0.3)).toEqual([[0, 1, 2]]);
  });
});

describe('what a request is about', () => {
  it('drops hypothetical and threatened clauses: "万一困人怎么办" is not a report of people trapped', () => {
    expect(withoutHypotheticals('电梯里的报警按钮按了没反应，万一困人怎么办')).not.toContain('困人');
    expect(withoutHypotheticals('物业扬言要撤场停电停水')).not.toContain('停电');
    const trapped = [
      req('t1', '电梯今天又困人了，一个孕妇在里面关了四十分钟'),
      req('t2', '110转来：金雨花园3号楼电梯困人，已救出，请街道督促物业检修'),
      req('t3', '金雨花园的电梯一个月困了三次人，维保单位到底有没有检修'),
    ];
    const button = req('t4', '电梯里的报警按钮按了没反应，万一困人怎么办');
    expect(groupsOf([...trapped, button])).toEqual([['t1', 't2', 't3']]);
  });

  it('keeps building-site noise and a neighbour singing at one estate apart, and site noise together', () => {
    const at = { locationId: 'loc-xijie', locationName: '西街小区南门', gridId: 'g1' };
    const site = req('n1', '小区旁边的工地晚上施工，噪音太大', { ...at, categoryCode: 'environment' });
    const site2 = req('n2', '旁边工地半夜施工，电锤响个不停', { ...at, categoryCode: 'environment' });
    const singing = req('n3', '楼上半夜唱歌吵闹，报了三次警了，警察一走又接着唱', { ...at, categoryCode: 'dispute' });
    const f = (x: HotspotInput) => featuresOf(x, LEXICON, defaultThesaurus());
    expect(siblingConflict(f(site2), f(singing))).toBe(true);
    expect(groupsOf([site, site2, singing])).toEqual([['n1', 'n2']]);
  });

  it('tells a question from a complaint: "暖气费今年怎么交" is not the cold flat', () => {
    expect(isInquiry('暖气费今年怎么交？线上缴费的入口找不到')).toBe(true);
    expect(isInquiry('楼道里电动车在充电，万一着火怎么办')).toBe(false);
    const at = { locationId: 'loc-xingfu', locationName: '幸福家园小区北门', gridId: 'g2', categoryCode: 'utilities' };
    const groups = groupsOf([
      req('h1', '我是幸福家园5号楼住户，交了采暖费，屋里冷得跟冰窖一样', at),
      req('h2', '幸福家园集中供热不热，室温只有13度', at),
      req('h3', '暖气费今年怎么交？线上缴费的入口找不到', at),
    ]);
    expect(groups).toEqual([['h1', 'h2']]);
  });

  it('reads temperatures under 18 ℃ and split verbs: 十四五度 is a cold flat, 停了三次电 a power cut', () => {
    expect(canonicalReadings('屋里才十四五度')).toContain('低于18度');
    expect(canonicalReadings('室温只有13度')).toContain('低于18度');
    expect(canonicalReadings('室内达到20度')).not.toContain('低于18度');
    expect(canonicalReadings('这周停了三次电')).toBe('这周停电');
    const heat = { locationId: 'loc-xingfu', locationName: '幸福家园小区北门', gridId: 'g2', categoryCode: 'utilities' };
    expect(groupsOf([req('d1', '家里暖气片摸着是凉的，屋里才十四五度', heat), req('d2', '幸福家园北区供暖不行，室温只有13度', heat)])).toEqual([['d1', 'd2']]);
    const tielu = { locationId: 'loc-tielu', locationName: '铁路新村社区服务站', gridId: 't1', categoryCode: 'utilities' };
    expect(groupsOf([req('p1', '铁路新村这周停了三次电，冰箱里的东西都坏了', tielu), req('p2', '铁路新村片区频繁跳闸停电', tielu)])).toEqual([['p1', 'p2']]);
  });

  it('keeps a question and a fee rise out of the cold-flat hotspot, though a member names no sub-topic (the fresh set\'s 暖气费发票)', () => {
    const at = { locationId: 'loc-xinhua', locationName: '园林路新华小区北门', gridId: 'x1', categoryCode: 'utilities' };
    const lex = buildPlaceLexicon(['园林路新华小区北门']);
    const groups = clusterHotspots(
      [
        req('x1', '屋里暖气片上半截热下半截凉，家里就十六度', at),
        req('x2', '新华小区供暖以后室温一直上不去，暖气不热', at),
        req('x3', '新华小区部分住户暖气不热，已联系热力公司排查管网', at),
        req('x4', '园林路新华小区暖气烧得跟没烧一样，交了钱却挨冻', at),
        req('x5', '暖气费的发票在哪里开', at),
        req('x6', '暖气费又涨了，暖气烧得跟没烧一样还涨钱', at),
      ],
      lex,
    ).map((c) => c.memberIds.slice().sort());
    expect(groups).toEqual([['x1', 'x2', 'x3', 'x4']]);
  });
});
