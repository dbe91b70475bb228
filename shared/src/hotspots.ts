import { fromEpochMs, toEpochMs, type Instant } from './time.ts';

/**
 * Hotspots (热点): several requests about the same thing, possibly through
 * different channels (扫码, 12345, 网格员 …), grouped by place, category family
 * and keywords within a time window.
 *
 * Everything here is pure: word segmentation is an argument (`Cut`, jieba in
 * the backend: functions/src/adapters/segmenter.ts), so the mini-program can
 * use these types without bundling a segmenter, and tests can pass their own.
 *
 * Two requests are *related* when all three hold:
 *  1. place — the same QR location, the same grid, or a place name both mention
 *     (a 12345 call has no QR location, but says "甘肃大剧院");
 *  2. category — the same family ({@link CATEGORY_FAMILIES}); 其他 matches any;
 *  3. keywords — the weighted Jaccard similarity of their topic keywords
 *     (place names excluded: the place is test 1) reaches the threshold.
 *     Specific entities (149路, 3号楼) weigh {@link ANCHOR_WEIGHT}; everyday
 *     synonyms are mapped to one concept ({@link CONCEPTS}: 车 → 公交, 早上 → 早高峰).
 * A hotspot is a connected group of related requests (single link) of at
 * least `minSize` members.
 */

/** Segments Chinese text into words (jieba's `cut(text, false)` in the backend). */
export type Cut = (text: string) => string[];

/** Category families: requests filed under neighbouring categories can still be the same problem. */
export const CATEGORY_FAMILIES: Readonly<Record<string, string>> = {
  traffic: 'transport',
  sanitation: 'cityscape',
  environment: 'cityscape',
  property: 'dwelling',
  housing: 'dwelling',
  utilities: 'dwelling',
  social_security: 'livelihood',
  health: 'livelihood',
  education: 'livelihood',
  labour: 'livelihood',
  market: 'market',
  dispute: 'dispute',
  safety_hazard: 'safety',
  other: '*',
};

/** The family of a category; an unknown code is its own family. */
export function familyOf(categoryCode: string): string {
  return CATEGORY_FAMILIES[categoryCode] ?? categoryCode;
}

function sameFamily(a: string, b: string): boolean {
  return a === '*' || b === '*' || a === b;
}

/** Weight of a specific entity (bus line, building number) against 1 for an ordinary keyword. */
export const ANCHOR_WEIGHT = 3;

/** Specific entities kept whole before segmentation: bus lines, buildings, units. */
export const ENTITY_PATTERN = /\d{1,4}(?:路|号楼|号院|栋|单元)/g;
const ENTITY_EXACT = /^\d{1,4}(?:路|号楼|号院|栋|单元)$/;

/**
 * Everyday words mapped to one concept, so that near-duplicates phrased
 * differently share keywords. Keys are surface forms as jieba cuts them.
 */
export const CONCEPTS: Readonly<Record<string, string>> = /* @__PURE__ */ invert({
  公交: ['公交', '公交车', '公车', '巴士', '班车', '车'],
  早高峰: ['早高峰', '早上', '早晨', '清早', '一早', '早', '高峰', '上班'],
  晚高峰: ['晚高峰', '下班'],
  候车: ['等', '等车', '等待', '候车', '间隔', '发车', '班次', '车次', '来车', '没来车', '挤不上'],
  站台: ['站', '站台', '车站', '公交站', '站牌'],
  垃圾: ['垃圾', '垃圾桶', '垃圾箱', '垃圾堆', '垃圾站', '果皮箱'],
  清运: ['清运', '清理', '收运', '拉走', '清扫'],
  异味: ['异味', '气味', '臭味', '臭', '熏人', '发臭'],
  满溢: ['满', '满了', '溢出', '溢出来', '堆满'],
  电梯: ['电梯', '升降梯', '直梯'],
  故障: ['故障', '坏', '坏了', '又坏了', '停运', '停用', '失灵', '不能用', '趴窝'],
  被困: ['被困', '困', '困住'],
  老人: ['老人', '老年人', '老人家', '老大爷', '老太太'],
  上下楼: ['上下楼', '下楼', '上楼', '爬楼'],
  噪音: ['噪音', '噪声', '吵', '吵闹', '太吵', '音响', '喇叭', '大喇叭', '音乐', '放音乐', '声音'],
  休息: ['休息', '睡觉', '睡不着', '失眠', '入睡'],
  夜间: ['夜间', '晚上', '夜里', '深夜', '半夜', '凌晨'],
  商户: ['商户', '商铺', '店铺', '门店', '商家', '摊贩', '摊位'],
  无人处理: ['没人管', '没人', '不管', '无人', '不修', '不处理', '没人处理', '无人管', '推诿'],
  漏水: ['漏水', '漏雨', '渗水', '滴水'],
  停车: ['停车', '乱停', '乱停乱放', '违停', '占道'],
});

function invert(table: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [canonical, surfaces] of Object.entries(table)) for (const s of surfaces) out[s] = canonical;
  return out;
}

/** Words that carry no topic. Single characters are dropped anyway unless they are a concept. */
export const STOP_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  (
    '我们 你们 他们 这个 那个 这里 那里 这些 那些 一个 一些 一直 已经 经常 总是 还是 但是 而且 因为 所以 如果 然后 现在 目前 今天 昨天 最近 每天 天天 ' +
    '希望 请求 要求 反映 反应 问题 情况 相关 部门 尽快 及时 处理 解决 一下 什么 怎么 为什么 没有 不是 可以 能够 需要 应该 非常 特别 比较 真的 实在 ' +
    '居民 群众 大家 市民 附近 旁边 对面 门口 这边 那边 多次 好几 几次 半天 之后 以后 以前 时候 时间 地方 东西 影响 严重 困难 麻烦 不了 都 没 太长 多分钟 ' +
    '小区 路口 门口 东门 西门 南门 北门 很大 厉害 没法 上去'
  ).split(' '),
);

const QUANTITY = /^[\d一二三四五六七八九十百千两几半多好]+(?:个)?(?:多)?(?:分钟|小时|钟头|天|日|周|星期|个月|月|年|次|遍|趟)?$/;
const PUNCTUATION = /^[\p{P}\p{S}\s]+$/u;

const CN_DIGIT: Readonly<Record<string, number>> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十三 → 23 (up to 99, enough for buildings and units). */
function chineseNumber(s: string): number | undefined {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return undefined;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CN_DIGIT[tens] : undefined;
  return (tens ? CN_DIGIT[tens]! : 1) * 10 + (ones ? CN_DIGIT[ones]! : 0);
}

/**
 * Canonical text for matching: full-width ASCII to half-width, and Chinese
 * numerals of buildings and units to digits (三号楼 → 3号楼) so that both
 * spellings become the same entity.
 */
export function normaliseText(text: string): string {
  const half = text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
  return half.replace(/([一二两三四五六七八九十]{1,3})(号楼|号院|栋|单元)/g, (whole, num: string, unit: string) => {
    const n = chineseNumber(num);
    return n === undefined ? whole : `${n}${unit}`;
  });
}

/**
 * Words of a text: entities ({@link ENTITY_PATTERN}) kept whole, the rest cut
 * by `cut`. The text is normalised first ({@link normaliseText}).
 */
export function segment(text: string, cut: Cut): string[] {
  const norm = normaliseText(text);
  const out: string[] = [];
  let last = 0;
  for (const m of norm.matchAll(ENTITY_PATTERN)) {
    if (m.index > last) out.push(...cut(norm.slice(last, m.index)));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < norm.length) out.push(...cut(norm.slice(last)));
  return out.filter((w) => w.trim() !== '');
}

/** Place names and their aliases, derived from the names of QR locations. */
export interface PlaceLexicon {
  /** Canonical place words (甘肃大剧院, 张掖路步行街, 东岗西路 …). */
  words: string[];
  /** Other spellings → canonical word (大剧院 → 甘肃大剧院). */
  aliases: Record<string, string>;
}

const SPOT_SUFFIX = /(?:东门|西门|南门|北门|正门|后门|大门|门口|公交车站|公交站|车站|站台|站|交叉口|中段|入口|出口|附近|对面|旁边|一带)$/;
const REGION_PREFIX = /^(?:甘肃省?|兰州市?|城关区?)(?=.{3,})/;
const ROAD_THEN_FACILITY = /^(.{2,}?(?:路|街|巷|道))(.{3,})$/;

/**
 * The place words of one location name: the name without the spot suffix
 * (甘肃大剧院东门公交站 → 甘肃大剧院), each part of a junction (东岗西路与皋兰路口 →
 * 东岗西路, 皋兰路), and the road of a road-plus-facility name (张掖路步行街 → 张掖路).
 */
export function placeWordsOf(name: string): string[] {
  const words: string[] = [];
  for (const part of normaliseText(name).split(/[与和及、,，/\s]+/)) {
    let p = part.trim();
    for (let i = 0; i < 3 && SPOT_SUFFIX.test(p); i++) p = p.replace(SPOT_SUFFIX, '');
    if (p.endsWith('路口')) p = p.slice(0, -1);
    if (p.length < 2) continue;
    words.push(p);
    const road = ROAD_THEN_FACILITY.exec(p);
    if (road?.[1] && road[1].length >= 3) words.push(road[1]);
  }
  return [...new Set(words)];
}

/** A lexicon from location names (the candidate requests' own `locationName`s, or the QR locations). */
export function buildPlaceLexicon(names: Iterable<string>): PlaceLexicon {
  const words = new Set<string>();
  const aliases: Record<string, string> = {};
  for (const name of names) {
    for (const w of placeWordsOf(name)) {
      words.add(w);
      const short = w.replace(REGION_PREFIX, '');
      if (short !== w) aliases[short] = w;
      const facility = ROAD_THEN_FACILITY.exec(w)?.[2];
      if (facility && !SPOT_SUFFIX.test(facility)) aliases[facility] ??= w;
    }
  }
  for (const a of Object.keys(aliases)) if (words.has(a)) delete aliases[a];
  return { words: [...words].sort(), aliases };
}

/** Words a segmenter must keep whole for this lexicon (its dictionary additions). */
export function lexiconWords(lexicon: PlaceLexicon): string[] {
  return [...new Set([...lexicon.words, ...Object.keys(lexicon.aliases)])];
}

/** What clustering needs of a request. */
export interface HotspotInput {
  id: string;
  /** Words of the description, from {@link segment}. */
  tokens: readonly string[];
  categoryCode: string;
  receivedAt: Instant;
  /** How it came in (扫码, 12345 …): a hotspot reports its channels. */
  channel?: string;
  locationId?: string;
  locationName?: string;
  gridId?: string;
}

/** A request reduced to what similarity compares. */
export interface Features {
  id: string;
  family: string;
  /** Topic keyword → weight (place names excluded). */
  topics: Map<string, number>;
  /** Canonical place words: from the location's name and from the text. */
  places: Set<string>;
  locationId?: string;
  gridId?: string;
  channel?: string;
  receivedAt: Instant;
}

/** The topic keyword of one word, or undefined when it carries no topic. */
export function keywordOf(word: string): { keyword: string; weight: number } | undefined {
  const w = word.trim().toLowerCase();
  if (w === '' || PUNCTUATION.test(w)) return undefined;
  const c = CONCEPTS[w];
  if (c) return { keyword: c, weight: 1 };
  if (ENTITY_EXACT.test(w)) return { keyword: w, weight: ANCHOR_WEIGHT };
  if (STOP_WORDS.has(w) || [...w].length < 2 || /^[a-z0-9]+$/.test(w) || QUANTITY.test(w)) return undefined;
  return { keyword: w, weight: 1 };
}

export function featuresOf(input: HotspotInput, lexicon: PlaceLexicon): Features {
  const placeWords = new Set(lexicon.words);
  const canonicalPlace = (w: string): string | undefined => (placeWords.has(w) ? w : lexicon.aliases[w]);
  const places = new Set<string>(input.locationName ? placeWordsOf(input.locationName).map((w) => canonicalPlace(w) ?? w) : []);
  const topics = new Map<string, number>();
  for (const word of input.tokens) {
    const place = canonicalPlace(word);
    if (place) {
      places.add(place);
      continue;
    }
    const k = keywordOf(word);
    if (k) topics.set(k.keyword, Math.max(topics.get(k.keyword) ?? 0, k.weight));
  }
  return {
    id: input.id,
    family: familyOf(input.categoryCode),
    topics,
    places,
    locationId: input.locationId,
    gridId: input.gridId,
    channel: input.channel,
    receivedAt: input.receivedAt,
  };
}

/** Weighted Jaccard of the topic keywords: shared weight ÷ total weight, 0…1. */
export function similarity(a: Features, b: Features): number {
  let shared = 0;
  let total = 0;
  for (const [k, w] of a.topics) {
    const v = b.topics.get(k);
    if (v !== undefined) {
      shared += Math.min(w, v);
      total += Math.max(w, v);
    } else total += w;
  }
  for (const [k, w] of b.topics) if (!a.topics.has(k)) total += w;
  return total === 0 ? 0 : shared / total;
}

/** The same place: QR location, grid, or a place word both mention. */
export function samePlace(a: Features, b: Features): boolean {
  if (a.locationId !== undefined && a.locationId === b.locationId) return true;
  if (a.gridId !== undefined && a.gridId === b.gridId) return true;
  for (const p of a.places) if (b.places.has(p)) return true;
  return false;
}

export interface HotspotOptions {
  /** Minimum weighted Jaccard of topic keywords (default {@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** Smallest group reported as a hotspot (default 2). */
  minSize?: number;
  /** Keywords shown per hotspot (default 6). */
  maxKeywords?: number;
}

export const DEFAULT_THRESHOLD = 0.3;

/** Whether two requests are about the same thing (place, category family and keywords). */
export function related(a: Features, b: Features, threshold = DEFAULT_THRESHOLD): boolean {
  return sameFamily(a.family, b.family) && samePlace(a, b) && similarity(a, b) >= threshold;
}

/** A group of related requests. */
export interface HotspotCluster {
  /** The id of its earliest request: stable while the group grows. */
  id: string;
  /** Member ids, earliest first. */
  memberIds: string[];
  /** Keywords most members share, the specific ones first (149路, 甘肃大剧院, 公交 …). */
  keywords: string[];
  /** Canonical place words of the members, most frequent first. */
  places: string[];
  /** Members per channel: several channels reporting one thing is the point of a hotspot. */
  channels: Record<string, number>;
  firstAt: Instant;
  lastAt: Instant;
}

/**
 * Groups related requests. Pairs are only compared when they share a topic
 * keyword (an inverted index), so a window of a few thousand requests costs
 * far less than all pairs. Returns groups of at least `minSize`, largest first
 * (then most recent first).
 */
export function clusterHotspots(inputs: readonly HotspotInput[], lexicon: PlaceLexicon, options: HotspotOptions = {}): HotspotCluster[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minSize = options.minSize ?? 2;
  const maxKeywords = options.maxKeywords ?? 6;
  const feats = inputs.map((i) => featuresOf(i, lexicon));

  const parent = feats.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  const byKeyword = new Map<string, number[]>();
  feats.forEach((f, i) => {
    for (const k of f.topics.keys()) byKeyword.set(k, [...(byKeyword.get(k) ?? []), i]);
  });
  const compared = new Set<number>();
  const n = feats.length;
  for (const list of byKeyword.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        const pair = i * n + j;
        if (compared.has(pair)) continue;
        compared.add(pair);
        if (related(feats[i]!, feats[j]!, threshold)) union(i, j);
      }
    }
  }

  const groups = new Map<number, Features[]>();
  feats.forEach((f, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), f]));
  const clusters: HotspotCluster[] = [];
  for (const members of groups.values()) {
    if (members.length < minSize) continue;
    members.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
    clusters.push({
      id: members[0]!.id,
      memberIds: members.map((m) => m.id),
      keywords: clusterKeywords(members, maxKeywords),
      places: rank(members.map((m) => [...m.places].map((p) => [p, 1] as const))).map(([p]) => p),
      channels: countBy(members, (m) => m.channel ?? 'unknown'),
      firstAt: members[0]!.receivedAt,
      lastAt: members[members.length - 1]!.receivedAt,
    });
  }
  return clusters.sort((a, b) => b.memberIds.length - a.memberIds.length || b.lastAt.localeCompare(a.lastAt));
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** Keywords in order of how many members have them, then weight; shared ones only (or all, for one member). */
function clusterKeywords(members: Features[], max: number): string[] {
  const ranked = rank(members.map((m) => [...[...m.places].map((p) => [p, ANCHOR_WEIGHT - 1] as const), ...m.topics.entries()]));
  const shared = ranked.filter(([, count]) => count >= 2 || members.length === 1);
  return shared.slice(0, max).map(([k]) => k);
}

/** Counts in how many lists each key appears; sorts by that count, then by weight, then by first appearance. */
function rank(lists: ReadonlyArray<ReadonlyArray<readonly [string, number]>>): Array<[string, number]> {
  const stats = new Map<string, { count: number; weight: number; first: number }>();
  let order = 0;
  for (const list of lists) {
    const seen = new Set<string>();
    for (const [k, w] of list) {
      const s = stats.get(k) ?? { count: 0, weight: 0, first: order++ };
      if (!seen.has(k)) s.count++;
      s.weight = Math.max(s.weight, w);
      seen.add(k);
      stats.set(k, s);
    }
  }
  return [...stats.entries()]
    .sort(([, a], [, b]) => b.count - a.count || b.weight - a.weight || a.first - b.first)
    .map(([k, s]) => [k, s.count]);
}

/** The hotspot a request belongs to, if any. */
export function clusterOf(ticketId: string, clusters: readonly HotspotCluster[]): HotspotCluster | undefined {
  return clusters.find((c) => c.memberIds.includes(ticketId));
}

/** The window `[now − days, now]` as instants. */
export function windowEndingAt(now: Instant, days: number): { from: Instant; to: Instant } {
  return { from: fromEpochMs(toEpochMs(now) - days * 86_400_000), to: now };
}
