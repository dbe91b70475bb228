import { describe, expect, it } from 'vitest';
import {
  buildPlaceLexicon,
  ANCHOR_WEIGHT,
  CONCEPT_WEIGHT,
  defaultConcepts,
  CROSS_FAMILY_MARGIN,
  clusterHotspots,
  clusterOf,
  featuresOf,
  lexiconWords,
  normaliseText,
  placeWordsOf,
  related,
  samePlace,
  segment,
  shareTopic,
  similarity,
  STOP_WORDS,
  windowEndingAt,
  type Cut,
  type HotspotInput,
  type PlaceLexicon,
} from './hotspots.ts';
import { HOTSPOT_FIXTURES, type HotspotFixture } from './hotspots.fixtures.ts';

/**
 * The clustering rules on realistic Chinese requests. Segmentation here is a
 * small forward-maximum-matching segmenter over a word list (the backend uses
 * jieba; functions/src/adapters/segmenter.test.ts runs these fixtures through
 * it), so these tests prove the rules, not a dictionary.
 */

const NOW = '2026-11-18T02:00:00.000Z';
const LEXICON: PlaceLexicon = buildPlaceLexicon(HOTSPOT_FIXTURES.map((f) => f.locationName));

const EXTRA_WORDS =
  '物业 顶棚 破损 下雨天 司机 态度 恶劣 甩站 不停 门禁 外来 车辆 随意 进出 异响 担心 安全 邻居 扰民 协商 无果 报警 长期 缺斤短两 加强 监管 经营 过不去 孩子 家里 小时 几天 两天 二十分钟 二十多分钟 半个'.split(' ');
const VOCABULARY = new Set([...Object.keys(defaultConcepts()), ...STOP_WORDS, ...lexiconWords(LEXICON), ...EXTRA_WORDS]);
const LONGEST = Math.max(...[...VOCABULARY].map((w) => w.length));

/** Forward maximum matching: the longest known word at each position, else one character. */
const fmm: Cut = (text) => {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let len = Math.min(LONGEST, text.length - i);
    while (len > 1 && !VOCABULARY.has(text.slice(i, i + len))) len--;
    out.push(text.slice(i, i + len));
    i += len;
  }
  return out;
};

function input(f: HotspotFixture, cut: Cut = fmm): HotspotInput {
  return {
    id: f.key,
    tokens: segment(f.text, cut),
    categoryCode: f.categoryCode,
    channel: f.channel,
    receivedAt: new Date(Date.parse(NOW) - f.hoursAgo * 3_600_000).toISOString(),
    locationId: f.locationId,
    locationName: f.locationName,
    gridId: f.gridId,
  };
}

const fixture = (key: string): HotspotFixture => {
  const f = HOTSPOT_FIXTURES.find((x) => x.key === key);
  if (!f) throw new Error(`no fixture ${key}`);
  return f;
};
const features = (key: string) => featuresOf(input(fixture(key)), LEXICON);
const adhoc = (over: Partial<HotspotFixture> & { text: string }): HotspotFixture => ({
  key: over.key ?? 'adhoc',
  categoryCode: 'traffic',
  channel: 'qr',
  locationName: '甘肃大剧院东门公交站',
  locationId: 'loc-dajuyuan',
  gridId: 'gll-dongjie-g1',
  hoursAgo: 1,
  ...over,
});

describe('text normalisation and segmentation', () => {
  it.each([
    ['西街小区三号楼电梯停运', '西街小区3号楼电梯停运'],
    ['十二号楼和二十三栋', '12号楼和23栋'],
    ['１４９路公交', '149路公交'],
    ['三号线地铁', '三号线地铁'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normaliseText(raw)).toBe(expected);
  });

  it('keeps bus lines and buildings whole and hands the rest to the segmenter', () => {
    const seen: string[] = [];
    const cut: Cut = (t) => {
      seen.push(t);
      return [...t];
    };
    expect(segment('早上149路在3号楼前', cut)).toEqual(['早', '上', '149路', '在', '3号楼', '前']);
    expect(seen).toEqual(['早上', '在', '前']);
  });
});

describe('place words from QR location names', () => {
  it.each([
    ['甘肃大剧院东门公交站', ['甘肃大剧院']],
    ['东岗西路与皋兰路口', ['东岗西路', '皋兰路']],
    ['西街小区南门', ['西街小区']],
    ['张掖路步行街中段', ['张掖路步行街', '张掖路']],
    ['金塔巷菜市场', ['金塔巷菜市场', '金塔巷']],
  ])('%s gives %j', (name, words) => {
    expect(placeWordsOf(name)).toEqual(words);
  });

  it('knows the short names people use for a place', () => {
    const lex = buildPlaceLexicon(['甘肃大剧院东门公交站', '张掖路步行街中段']);
    expect(lex.aliases).toMatchObject({ 大剧院: '甘肃大剧院', 步行街: '张掖路步行街' });
    expect(lexiconWords(lex)).toEqual(expect.arrayContaining(['甘肃大剧院', '大剧院', '张掖路步行街']));
  });
});

describe('similarity of two requests', () => {
  it('relates the 149路 request to the same complaint phrased differently through 12345 (no QR location, only a place name)', () => {
    const a = featuresOf(input(adhoc({ key: 'a', text: '149路公交早高峰发车间隔太长' })), LEXICON);
    const b = featuresOf(
      input(adhoc({ key: 'b', text: '甘肃大剧院站的149路车早上要等二十分钟', channel: 'hotline_12345', locationId: undefined, gridId: undefined, locationName: '' })),
      LEXICON,
    );
    expect(b.places.has('甘肃大剧院')).toBe(true);
    expect(samePlace(a, b)).toBe(true);
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.5);
    expect(related(a, b)).toBe(true);
  });

  it('maps everyday synonyms to one concept and weighs the bus line above them', () => {
    const f = features('bus-12345');
    expect(f.topics.get('149路')).toBe(ANCHOR_WEIGHT);
    expect(f.topics.get('公交')).toBe(CONCEPT_WEIGHT); // 车
    expect(f.topics.get('早高峰')).toBe(CONCEPT_WEIGHT); // 早上
    expect(f.anchors).toEqual(new Set(['149路', '公交'])); // 早高峰 is an aspect, not a topic
    expect(f.topics.has('甘肃大剧院')).toBe(false); // a place, not a topic
  });

  it.each([
    ['shelter', 'bus-qr', 'a broken shelter roof at the 149路 stop'],
    ['line-1', 'bus-12345', 'another bus line at the same stop'],
    ['gate', 'lift-qr', 'the gate of the same compound'],
  ])('does not relate %s to %s (%s)', (x, y) => {
    expect(samePlace(features(x), features(y))).toBe(true);
    expect(related(features(x), features(y))).toBe(false);
  });

  it('takes two buildings of one compound for two places (5号楼 and 3号楼 at the same QR code), one building for one', () => {
    expect(features('lift-5').buildings).toEqual(new Set(['5号楼']));
    expect(samePlace(features('lift-5'), features('lift-qr'))).toBe(false);
    expect(related(features('lift-5'), features('lift-qr'))).toBe(false);
    expect(samePlace(features('lift-12345'), features('lift-qr'))).toBe(true); // 三号楼 = 3号楼
    expect(samePlace(features('gate'), features('lift-qr'))).toBe(true); // no building named: the compound
  });

  it('needs a shared topic: aspects alone (夜间, 老人, 故障) or ordinary words never make one hotspot', () => {
    const a = featuresOf(input(adhoc({ key: 'a', text: '晚上老人在公交站摔倒了' })), LEXICON);
    const b = featuresOf(input(adhoc({ key: 'b', text: '晚上老人在公交站被电动车撞了' })), LEXICON);
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.3);
    expect(shareTopic(a, b)).toBe(false);
    expect(related(a, b)).toBe(false);
  });

  it('does not relate the same words at another place', () => {
    const stop = features('bin-at-stop');
    const junction = features('trash-qr');
    expect(similarity(stop, junction)).toBeGreaterThanOrEqual(0.3);
    expect(samePlace(stop, junction)).toBe(false);
    expect(related(stop, junction)).toBe(false);
  });

  it('raises the bar across category families (the category is the filer’s guess); 其他 matches any', () => {
    const bus = input(fixture('bus-qr'));
    const asSanitation = featuresOf({ ...bus, id: 'x', categoryCode: 'sanitation' }, LEXICON);
    const asOther = featuresOf({ ...bus, id: 'y', categoryCode: 'other' }, LEXICON);
    const original = featuresOf(bus, LEXICON);
    expect(related(original, asSanitation)).toBe(true); // the very same words
    expect(related(original, asOther)).toBe(true);
    const grid = features('bus-grid');
    const gridAsSanitation = featuresOf({ ...input(fixture('bus-grid')), categoryCode: 'sanitation' }, LEXICON);
    const s = similarity(original, grid);
    const bar = s - CROSS_FAMILY_MARGIN / 2; // within the family the pair passes, across families it needs bar + margin
    expect(related(original, grid, bar)).toBe(true);
    expect(related(original, gridAsSanitation, bar)).toBe(false);
    expect(related(original, gridAsSanitation, s - CROSS_FAMILY_MARGIN)).toBe(true);
  });
});

describe('clusterHotspots on twenty requests', () => {
  const inputs = HOTSPOT_FIXTURES.map((f) => input(f));
  const clusters = clusterHotspots(inputs, LEXICON);

  it('finds exactly the four groups of near-duplicates, across channels', () => {
    const expected = new Map<string, string[]>();
    for (const f of HOTSPOT_FIXTURES) if (f.group) expected.set(f.group, [...(expected.get(f.group) ?? []), f.key]);
    const got = clusters.map((c) => [...c.memberIds].sort());
    expect(got).toHaveLength(4);
    expect(new Set(got.map((g) => JSON.stringify(g)))).toEqual(new Set([...expected.values()].map((g) => JSON.stringify([...g].sort()))));
  });

  it('leaves every negative alone', () => {
    for (const f of HOTSPOT_FIXTURES.filter((x) => !x.group)) expect(clusterOf(f.key, clusters), f.key).toBeUndefined();
  });

  it('shows the 149路 hotspot with its keywords, places and channels', () => {
    const bus = clusterOf('bus-grid', clusters)!;
    expect(bus.id).toBe('bus-qr'); // the earliest request
    expect(bus.memberIds[0]).toBe('bus-qr');
    expect(bus.keywords.slice(0, 2)).toEqual(['149路', '甘肃大剧院']);
    expect(bus.keywords).toEqual(expect.arrayContaining(['公交', '早高峰']));
    expect(bus.places).toEqual(['甘肃大剧院']);
    expect(bus.channels).toEqual({ qr: 2, hotline_12345: 1, grid: 1 });
    expect(bus.firstAt < bus.lastAt).toBe(true);
  });

  it('sorts hotspots largest first', () => {
    expect(clusters.map((c) => c.memberIds.length)).toEqual([...clusters.map((c) => c.memberIds.length)].sort((a, b) => b - a));
    expect(clusters[0]!.id).toBe('bus-qr');
  });

  it('gives the same groups whatever the order of the requests', () => {
    const reversed = clusterHotspots([...inputs].reverse(), LEXICON);
    const rotated = clusterHotspots([...inputs.slice(7), ...inputs.slice(0, 7)], LEXICON);
    const norm = (cs: typeof clusters) => cs.map((c) => `${c.id}:${[...c.memberIds].sort().join(',')}`).sort();
    expect(norm(reversed)).toEqual(norm(clusters));
    expect(norm(rotated)).toEqual(norm(clusters));
  });

  it('respects the threshold and the minimum size', () => {
    const strict = clusterHotspots(inputs, LEXICON, { measure: 'jaccard', threshold: 0.95, dropRare: false });
    expect(clusterOf('bus-grid', strict)).toBeUndefined();
    const big = clusterHotspots(inputs, LEXICON, { minSize: 4 });
    expect(big.map((c) => c.id)).toEqual(['bus-qr']);
  });

  it('reports no hotspot for a single request', () => {
    expect(clusterHotspots([input(fixture('bus-qr'))], LEXICON)).toEqual([]);
  });
});

describe('windowEndingAt', () => {
  it('spans the given number of days before now', () => {
    expect(windowEndingAt(NOW, 7)).toEqual({ from: '2026-11-11T02:00:00.000Z', to: NOW });
  });
});
