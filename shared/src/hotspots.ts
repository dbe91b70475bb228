import { defaultThesaurus, scanTerms, type Thesaurus } from './synonyms.ts';
import { fromEpochMs, toEpochMs, type Instant } from './time.ts';
import { familyOf } from './category-families.ts';

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
 *     synonyms are mapped to one concept ({@link defaultConcepts}: 车 → 公交, 早上 → 早高峰).
 * A hotspot is a connected group of related requests (single link) of at
 * least `minSize` members.
 */

/** Segments Chinese text into words (jieba's `cut(text, false)` in the backend). */
export type Cut = (text: string) => string[];

// Category families (./category-families.ts, also used by the risk rules).
export { CATEGORY_FAMILIES, familyOf } from './category-families.ts';

function sameFamily(a: string, b: string): boolean {
  return a === '*' || b === '*' || a === b;
}

/** Weight of a specific entity (bus line, building number) against 1 for an ordinary keyword. */
export const ANCHOR_WEIGHT = 3;
/** Weight of a thesaurus concept (供暖, 候车 …): the domain's words say more than the rest of the text. */
export const CONCEPT_WEIGHT = 2;
/** Weight of a building or unit (3号楼): not a topic, and not dropped as a rare word. */
export const BUILDING_WEIGHT = 1.5;

/** Specific entities kept whole before segmentation: bus lines, buildings, units. */
export const ENTITY_PATTERN = /\d{1,4}(?:路|号楼|号院|栋|单元)/g;
const ENTITY_EXACT = /^\d{1,4}(?:路|号楼|号院|栋|单元)$/;

/**
 * Surface form → its first concept in the default thesaurus
 * ({@link DEFAULT_SYNONYMS}, shared/src/synonyms.ts): kept for callers that
 * need a word list; matching uses a {@link Thesaurus}, which admins extend.
 */
export const defaultConcepts = (): Readonly<Record<string, string>> =>
  Object.fromEntries([...defaultThesaurus().concepts].map(([surface, concepts]) => [surface, concepts[0]!]));

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

const SPOT_SUFFIX = /(?:东门|西门|南门|北门|正门|后门|大门|门口|公交车站|公交站|车站|站台|站|交叉口|中段|入口|出口|附近|对面|旁边|一带|周边)$/;
/** A building, unit or room after an estate's name (幸福家园3号楼2单元 → 幸福家园). */
const BUILDING_SUFFIX = /(?:\d{1,4}(?:号楼|号院|栋|单元|号|室|楼))+$/;
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
    for (let i = 0; i < 3 && (SPOT_SUFFIX.test(p) || BUILDING_SUFFIX.test(p)); i++) p = p.replace(SPOT_SUFFIX, '').replace(BUILDING_SUFFIX, '');
    if (p.endsWith('路口')) p = p.slice(0, -1);
    if (p.length < 2) continue;
    words.push(p);
    const road = ROAD_THEN_FACILITY.exec(p);
    if (road?.[1] && road[1].length >= 3) words.push(road[1]);
  }
  return [...new Set(words)];
}

/** Generic kinds of place after a name: 锦华苑工地 and 锦华苑项目 are one place, 锦华苑. */
const KIND_SUFFIX = /(?:小区|社区|工地|项目部|项目|服务站|北区|南区|东区|西区|片区|旁)$/;

/** The distinctive part of a place word (幸福家园小区 → 幸福家园, 铁路新村社区服务站 → 铁路新村). */
export function placeCore(word: string): string {
  let c = word.replace(REGION_PREFIX, '');
  for (let i = 0; i < 3 && KIND_SUFFIX.test(c); i++) c = c.replace(KIND_SUFFIX, '');
  return c.length >= 2 ? c : word;
}

/**
 * A lexicon from location names (the candidate requests' own `locationName`s,
 * or the QR locations). Words with the same distinctive part are one place:
 * the most frequent spelling is the canonical word, the others and the
 * distinctive part itself are aliases (锦华苑项目, 锦华苑 → 雁滩路锦华苑工地).
 */
export function buildPlaceLexicon(names: Iterable<string>): PlaceLexicon {
  const counts = new Map<string, number>();
  for (const name of names) for (const w of placeWordsOf(name)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ordered = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || b.length - a.length || a.localeCompare(b));
  const words = new Set<string>();
  const aliases: Record<string, string> = {};
  const byKey = new Map<string, string>();
  const keysOf = (w: string): string[] => {
    const facility = ROAD_THEN_FACILITY.exec(w)?.[2];
    const keys = [placeCore(w), w.replace(REGION_PREFIX, '')];
    if (facility && !SPOT_SUFFIX.test(facility)) keys.push(facility, placeCore(facility));
    return [...new Set(keys)];
  };
  for (const w of ordered) {
    const keys = keysOf(w);
    const known = keys.map((k) => byKey.get(k)).find((c) => c !== undefined);
    if (known !== undefined) {
      if (known !== w) aliases[w] = known;
      continue;
    }
    words.add(w);
    for (const k of keys) {
      byKey.set(k, w);
      if (k !== w) aliases[k] ??= w;
    }
  }
  for (const a of Object.keys(aliases)) if (words.has(a)) delete aliases[a];
  return { words: [...words].sort(), aliases };
}

const lookups = new WeakMap<PlaceLexicon, { words: Set<string>; memo: Map<string, string | undefined>; sites: Map<string, { places: string[]; buildings: string[] }> }>();

function lookupOf(lexicon: PlaceLexicon) {
  let l = lookups.get(lexicon);
  if (!l) {
    l = { words: new Set(lexicon.words), memo: new Map(), sites: new Map() };
    lookups.set(lexicon, l);
  }
  return l;
}

/** The canonical place words and the buildings of a location name (memoised per lexicon: a window repeats its places). */
function siteOf(locationName: string, lexicon: PlaceLexicon): { places: string[]; buildings: string[] } {
  const l = lookupOf(lexicon);
  let site = l.sites.get(locationName);
  if (!site) {
    const buildings: string[] = [];
    for (const m of normaliseText(locationName).matchAll(ENTITY_PATTERN)) if (!m[0].endsWith('路')) buildings.push(m[0]);
    site = { places: locationName ? placeWordsOf(locationName).map((w) => canonicalPlace(w, lexicon) ?? w) : [], buildings };
    l.sites.set(locationName, site);
  }
  return site;
}

/** The canonical place word of a word, if it names a place of the lexicon. */
export function canonicalPlace(word: string, lexicon: PlaceLexicon): string | undefined {
  const l = lookupOf(lexicon);
  if (l.memo.has(word)) return l.memo.get(word);
  let found: string | undefined;
  if (l.words.has(word)) found = word;
  else if (lexicon.aliases[word] !== undefined) found = lexicon.aliases[word];
  else {
    const core = placeCore(word);
    found = l.words.has(core) ? core : lexicon.aliases[core];
  }
  l.memo.set(word, found);
  return found;
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
  /**
   * The description itself: scanned for thesaurus words whatever the
   * segmenter made of them (温度不达标), and for character pairs when the
   * measure uses them. Without it only the tokens count.
   */
  text?: string;
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
  /** Topic keyword (concept, entity or plain word) → weight; place names excluded. */
  topics: Map<string, number>;
  /** Character pairs of the description without its place names (used by the `tfidf-ngram` measure). */
  grams: Set<string>;
  /** The topics that can make two requests one hotspot: topic concepts and bus lines ({@link shareTopic}). */
  anchors: Set<string>;
  /** Buildings and units named (3号楼): two requests naming only different ones are at different places. */
  buildings: Set<string>;
  /** Canonical place words: from the location's name and from the text. */
  places: Set<string>;
  /**
   * Broader concept → the narrower ones of it the request names (噪音 → {施工噪音}):
   * two requests naming only different narrower concepts of one broader one
   * are different problems ({@link siblingConflict}).
   */
  narrower: Map<string, Set<string>>;
  /** A question (怎么交, 找谁, 想咨询) rather than a report of a problem: questions and complaints are never one hotspot. */
  inquiry: boolean;
  /** Topics that are no concept's broader one (施工噪音, 占道经营, 149路): specific evidence ({@link shareSpecificTopic}). */
  specific: Set<string>;
  locationId?: string;
  gridId?: string;
  channel?: string;
  receivedAt: Instant;
}

/** The topic keyword of one word, or undefined when it carries no topic. */
export function keywordOf(word: string, thesaurus: Thesaurus = defaultThesaurus()): { keyword: string; weight: number } | undefined {
  const k = keywordsOf(word, thesaurus);
  return k[0];
}

function keywordsOf(word: string, thesaurus: Thesaurus): Array<{ keyword: string; weight: number; anchor?: boolean }> {
  const w = word.trim().toLowerCase();
  if (w === '' || PUNCTUATION.test(w)) return [];
  const c = thesaurus.concepts.get(w);
  if (c) return c.map((keyword) => ({ keyword, weight: CONCEPT_WEIGHT, anchor: thesaurus.topics.has(keyword) }));
  // A bus line is a topic; a building narrows the place, it weighs like an ordinary word.
  if (ENTITY_EXACT.test(w)) return w.endsWith('路') ? [{ keyword: w, weight: ANCHOR_WEIGHT, anchor: true }] : [{ keyword: w, weight: BUILDING_WEIGHT }];
  if (STOP_WORDS.has(w) || [...w].length < 2 || /^[a-z0-9]+$/.test(w) || QUANTITY.test(w)) return [];
  return [{ keyword: w, weight: 1 }];
}

const CJK_PAIR = /^[\u4e00-\u9fff]{2}$/;

/**
 * A clause that says what might happen or is threatened, not what did: from
 * its marker (万一, 如果, 会不会, 扬言 …) to the end of the clause. Like NegEx's
 * scopes for negation: "电梯里的报警按钮按了没反应，万一困人怎么办" is about the
 * alarm button, not about people trapped; "物业扬言要撤场停电停水" is a dispute,
 * not a power cut.
 */
const HYPOTHETICAL = /(?:万一|如果|假如|假设|要是|一旦|会不会|是否会|以防|以免|防止|扬言|威胁要|威胁说)[^，。！？；,.!?;\n]*/g;

/**
 * How residents ask rather than report (12345 tells 咨询 from 投诉): how to pay,
 * apply, register, whom to ask. "暖气费今年怎么交" and "交了采暖费屋里还是冷" share
 * 供暖费 but are a question and a complaint.
 */
const INQUIRY = /(?:怎么|如何|怎样)(?:交|缴|申请|办理|报名|补办|算|查|挂失|预约|领)|要?找谁(?![要讨])|想咨询|咨询一下|想问一下|想问问|想了解|需要什么手续|需要带哪些|需要哪些材料|(?:在|去|到)哪(?:里|儿)?(?:开|查|办|报名|挂失|交|缴|领|申请)/;

/** Whether a request asks a question rather than reports a problem ({@link INQUIRY}). */
export function isInquiry(text: string): boolean {
  return INQUIRY.test(withoutHypotheticals(normaliseText(text)));
}

/** The text without its hypothetical and threatened clauses ({@link HYPOTHETICAL}). */
export function withoutHypotheticals(text: string): string {
  return text.replace(HYPOTHETICAL, ' ');
}

/**
 * Readings and split verbs the thesaurus cannot list word by word, rewritten
 * to one of its words before scanning:
 * - a room temperature under the 18 ℃ heating standard (室温只有13度, 才十四五度,
 *   不到16度) → 低于18度 (a 室温低 word);
 * - separable verbs (离合词) with something between their halves (停了三次电,
 *   断过两回水) → 停电, 断水.
 */
export function canonicalReadings(text: string): string {
  return text
    .replace(/([0-9]{1,2}|[一二三四五六七八九十]{1,4})(?:多)?(?:度|℃|摄氏度)/g, (whole, num: string) => {
      const n = /^[0-9]+$/.test(num) ? Number(num) : (chineseNumber(num) ?? chineseRange(num));
      return n !== undefined && n >= 5 && n < 18 ? '低于18度' : whole;
    })
    .replace(/(停|断)(?:了|过)[^，。！？；,.!?;电水气]{0,4}(电|水|气)/g, '$1$2');
}

/** 十四五 → 14 (a spoken range: its lower end). */
function chineseRange(s: string): number | undefined {
  const m = /^十([一二三四五六七八九])([一二三四五六七八九])$/.exec(s);
  return m ? 10 + CN_DIGIT[m[1]!]! : undefined;
}

export function featuresOf(input: HotspotInput, lexicon: PlaceLexicon, thesaurus: Thesaurus = defaultThesaurus(), withGrams = false): Features {
  const site = siteOf(input.locationName ?? '', lexicon);
  const places = new Set<string>(site.places);
  const buildings = new Set<string>(site.buildings);
  const topics = new Map<string, number>();
  const anchors = new Set<string>();
  const add = (k: string, w: number, anchor = false) => {
    topics.set(k, Math.max(topics.get(k) ?? 0, w));
    if (anchor) anchors.add(k);
  };
  // Place words first: the rest of the text is what the request is about (工地 of 锦华苑工地 is no topic).
  // What only might happen or is only threatened (万一困人怎么办, 扬言要停水) is no topic either.
  let rest = input.text ? canonicalReadings(withoutHypotheticals(normaliseText(input.text))) : '';
  const words: string[] = [];
  for (const word of input.tokens) {
    const place = canonicalPlace(word, lexicon);
    if (place) {
      places.add(place);
      if (rest) rest = rest.split(word).join(' ');
    } else if (!input.text || rest.includes(normaliseText(word))) words.push(word);
  }
  // Thesaurus words found in the text itself, whatever the segmenter did with them.
  const scanned = rest ? scanTerms(rest, thesaurus) : [];
  for (const t of scanned) for (const c of thesaurus.concepts.get(t) ?? []) add(c, CONCEPT_WEIGHT, thesaurus.topics.has(c));
  const covered = scanned.join('\u0000');
  for (const word of words) {
    // A piece of a thesaurus word already counted (温度 of 温度不达标) adds nothing.
    if (covered && word.length >= 2 && covered.includes(word.toLowerCase()) && !thesaurus.concepts.has(word.toLowerCase())) continue;
    for (const k of keywordsOf(word, thesaurus)) add(k.keyword, k.weight, k.anchor);
    if (ENTITY_EXACT.test(word) && !word.endsWith('路')) buildings.add(word);
  }
  const grams = new Set<string>();
  if (withGrams) {
    const chars = [...rest.replace(ENTITY_PATTERN, ' ')];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (CJK_PAIR.test(pair) && !STOP_WORDS.has(pair)) grams.add(pair);
    }
  }
  const narrower = new Map<string, Set<string>>();
  const specific = new Set<string>();
  const broadConcepts = new Set(thesaurus.broader.values());
  for (const k of anchors) {
    const b = thesaurus.broader.get(k);
    if (b !== undefined) {
      let set = narrower.get(b);
      if (!set) narrower.set(b, (set = new Set()));
      set.add(k);
    }
    if (!broadConcepts.has(k)) specific.add(k);
  }
  return {
    id: input.id,
    family: familyOf(input.categoryCode),
    topics,
    inquiry: input.text ? isInquiry(input.text) : false,
    narrower,
    specific,
    grams,
    anchors,
    buildings,
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

/**
 * The same place. The same QR location always is; otherwise the place words
 * decide when both requests have some (two estates of one grid are two
 * places), and the grid only when one of them names no place.
 */
export function samePlace(a: Features, b: Features): boolean {
  if (a.buildings.size > 0 && b.buildings.size > 0 && ![...a.buildings].some((x) => b.buildings.has(x))) return false;
  if (a.locationId !== undefined && a.locationId === b.locationId) return true;
  if (a.places.size > 0 && b.places.size > 0) {
    for (const p of a.places) if (b.places.has(p)) return true;
    return false;
  }
  return a.gridId !== undefined && a.gridId === b.gridId;
}

/**
 * How two requests' wording is compared:
 * - `jaccard`: weighted Jaccard of topic keywords (thesaurus concepts, entities, other words);
 * - `tfidf`: cosine of TF-IDF vectors of the same keywords, document frequencies from the window;
 * - `tfidf-ngram`: the same plus the character pairs of the text (robust to words the segmenter splits oddly).
 * bench/signals.ts prints the figures of each; the default is the best on the development split.
 */
export const MEASURES = ['jaccard', 'tfidf', 'tfidf-ngram'] as const;
export type Measure = (typeof MEASURES)[number];

export interface HotspotOptions {
  /** Minimum similarity (default {@link DEFAULT_THRESHOLDS} of the measure). */
  threshold?: number;
  /** Smallest group reported as a hotspot (default 2). */
  minSize?: number;
  /** Keywords shown per hotspot (default 6). */
  maxKeywords?: number;
  /** The synonym dictionary (default {@link defaultThesaurus}; the backend merges admins' rows in). */
  thesaurus?: Thesaurus;
  /** Similarity measure (default {@link DEFAULT_MEASURE}). */
  measure?: Measure;
  /** Drop ordinary words no other request of the window uses (default true; {@link dropRareWords}). */
  dropRare?: boolean;
  /** How groups form ({@link LINKAGES}; default {@link DEFAULT_LINKAGE}). */
  linkage?: Linkage;
  /** For average linkage: the least mean similarity of two groups that merge (default {@link DEFAULT_AVERAGE_THRESHOLD}). */
  averageThreshold?: number;
}

/**
 * How related pairs become groups:
 * - `single`: every pair at or above the threshold links (connected components);
 *   one request alike to one member of each of two problems chains them;
 * - `average`: within each such component, groups merge while the mean
 *   similarity of all their pairs (incompatible pairs count 0) reaches the
 *   average threshold (UPGMA), so a member must be alike to the group, not
 *   to one of its members.
 */
export const LINKAGES = ['single', 'average'] as const;
export type Linkage = (typeof LINKAGES)[number];
export const DEFAULT_LINKAGE: Linkage = 'average';
export const DEFAULT_AVERAGE_THRESHOLD = 0.3;

export const DEFAULT_MEASURE: Measure = 'tfidf';
/** Per-measure thresholds, chosen on the development split of bench/signals. */
export const DEFAULT_THRESHOLDS: Readonly<Record<Measure, number>> = { jaccard: 0.25, tfidf: 0.4, 'tfidf-ngram': 0.3 };
/** The default threshold of the default measure. */
export const DEFAULT_THRESHOLD = DEFAULT_THRESHOLDS[DEFAULT_MEASURE];
/** Weight of a character pair against 1 for a keyword, before IDF. */
const GRAM_WEIGHT = 0.4;

/**
 * Whether two requests share what makes a problem the same: a thesaurus
 * concept or a specific entity (149路, 3号楼). Ordinary words alone (公园,
 * 孩子) never make two requests one hotspot, however similar the rest.
 */
export function shareTopic(a: Features, b: Features): boolean {
  for (const k of a.anchors) if (b.anchors.has(k)) return true;
  return false;
}

/**
 * Whether two requests name different narrower concepts of one broader concept
 * and none in common: building-site noise and a neighbour's singing are both
 * 噪音, but two problems; 室温低 and 供暖费 are both 供暖. A request naming only
 * the broader concept (噪音太大) conflicts with neither.
 */
export function siblingConflict(a: Features, b: Features): boolean {
  for (const [broad, mine] of a.narrower) {
    const theirs = b.narrower.get(broad);
    if (!theirs) continue;
    let common = false;
    for (const k of mine) if (theirs.has(k)) common = true;
    if (!common) return true;
  }
  return false;
}

/** Whether two requests can never be one problem: a question and a complaint, or different sub-topics ({@link siblingConflict}). */
export function conflicting(a: Features, b: Features): boolean {
  return a.inquiry !== b.inquiry || siblingConflict(a, b);
}

/** The similarity of a pair that must never be in one group (average linkage then never merges their groups). */
const CANNOT_LINK = -1e9;

/** Whether two requests share a specific topic (a bus line, 占道经营, 施工噪音), not only a broad one (噪音, 供暖). */
export function shareSpecificTopic(a: Features, b: Features): boolean {
  for (const k of a.specific) if (b.specific.has(k)) return true;
  return false;
}

/**
 * Whether two requests may be one problem at all, before their wording is
 * compared: both questions or both reports, the same place, a shared topic, no conflicting narrower concepts,
 * and, across category families, a shared specific topic (the category is the
 * filer's guess, so it does not veto; but a dispute about noise and a building
 * site's noise share only the broad 噪音).
 */
export function compatible(a: Features, b: Features): boolean {
  if (conflicting(a, b) || !samePlace(a, b) || !shareTopic(a, b)) return false;
  return sameFamily(a.family, b.family) || shareSpecificTopic(a, b);
}

/**
 * How much more alike two requests filed under categories of different
 * families must be: the category is the filer's guess (占道摆摊 comes in as
 * 市场监管, 市容环卫 or 道路交通), so it does not veto, it raises the bar.
 */
export const CROSS_FAMILY_MARGIN = 0.2;

/** Whether two requests are about the same thing: place, a shared topic, and wording (weighted Jaccard; the bar raised across category families). */
export function related(a: Features, b: Features, threshold = DEFAULT_THRESHOLDS.jaccard): boolean {
  const bar = sameFamily(a.family, b.family) ? threshold : Math.min(0.95, threshold + CROSS_FAMILY_MARGIN);
  return compatible(a, b) && similarity(a, b) >= bar;
}

type Vector = Map<string, number>;

/** Unit TF-IDF vectors of the window: IDF = ln((N + 1) / (df + 1)) + 1 over the requests at hand. */
export function tfidfVectors(feats: readonly Features[], withGrams: boolean): Vector[] {
  const df = new Map<string, number>();
  const keysOf = (f: Features): Array<[string, number]> => [...f.topics.entries(), ...(withGrams ? [...f.grams].map((g0) => [`\u0001${g0}`, GRAM_WEIGHT] as [string, number]) : [])];
  const all = feats.map(keysOf);
  for (const list of all) for (const [k] of list) df.set(k, (df.get(k) ?? 0) + 1);
  const n = feats.length;
  return all.map((list) => {
    const v: Vector = new Map();
    let norm = 0;
    for (const [k, w] of list) {
      const x = w * (Math.log((n + 1) / ((df.get(k) ?? 0) + 1)) + 1);
      v.set(k, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, x] of v) v.set(k, x / norm);
    return v;
  });
}

export function cosine(a: Vector, b: Vector): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y !== undefined) dot += x * y;
  }
  return dot;
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
 * Removes the ordinary words (not concepts, not entities) that no other
 * request of the window uses: they cannot make two requests alike, they only
 * dilute the similarity of those that are ("婴儿", "坐不住").
 */
export function dropRareWords(feats: readonly Features[]): void {
  const df = new Map<string, number>();
  for (const f of feats) for (const k of f.topics.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  for (const f of feats) for (const [k, w] of f.topics) if (w === 1 && !f.anchors.has(k) && (df.get(k) ?? 0) < 2) f.topics.delete(k);
}

/** The keys a request is filed under for candidate pairs: its QR location, its place words, its grid. */
function placeKeys(f: Features): string[] {
  const out: string[] = [];
  if (f.locationId !== undefined) out.push(`L${f.locationId}`);
  for (const p of f.places) out.push(`P${p}`);
  if (f.gridId !== undefined) out.push(`G${f.gridId}`);
  return out;
}

/**
 * Groups related requests (same place, same category family, similarity at
 * least the threshold; single link). Only pairs sharing a place key and a
 * topic keyword are compared (an inverted index on the pair), so a street
 * office's week of 5,000 requests costs a small fraction of all pairs.
 * Returns groups of at least `minSize`, largest first (then most recent first).
 */
export function clusterHotspots(inputs: readonly HotspotInput[], lexicon: PlaceLexicon, options: HotspotOptions = {}): HotspotCluster[] {
  const measure = options.measure ?? DEFAULT_MEASURE;
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS[measure];
  const minSize = options.minSize ?? 2;
  const maxKeywords = options.maxKeywords ?? 6;
  const thesaurus = options.thesaurus ?? defaultThesaurus();
  const feats = inputs.map((i) => featuresOf(i, lexicon, thesaurus, measure === 'tfidf-ngram'));
  if (options.dropRare !== false) dropRareWords(feats);
  const vectors = measure === 'jaccard' ? undefined : tfidfVectors(feats, measure === 'tfidf-ngram');
  const margin = CROSS_FAMILY_MARGIN;
  const linkage = options.linkage ?? DEFAULT_LINKAGE;
  const averageThreshold = options.averageThreshold ?? DEFAULT_AVERAGE_THRESHOLD;
  const score = (i: number, j: number): number => (vectors ? cosine(vectors[i]!, vectors[j]!) : similarity(feats[i]!, feats[j]!));

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

  // Candidate pairs: requests filed under one place key (QR location, place word, grid) that share a topic.
  const buckets = new Map<string, Map<string, number[]>>();
  const memberOf: number[][][] = feats.map(() => []);
  feats.forEach((f, i) => {
    for (const p of placeKeys(f)) {
      let byTopic = buckets.get(p);
      if (!byTopic) buckets.set(p, (byTopic = new Map()));
      for (const k of f.anchors) {
        let list = byTopic.get(k);
        if (!list) byTopic.set(k, (list = []));
        list.push(i);
        memberOf[i]!.push(list);
      }
    }
  });
  // The score of each compatible candidate pair, lowered by the margin across
  // category families; pairs at or above the threshold link (single link: the
  // components), the others still count in the average linkage below.
  const pairScore = new Map<number, number>();
  const n = feats.length;
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = feats[i]!;
    for (const list of memberOf[i]!) {
      for (const j of list) {
        if (j <= i || seen[j] === i) continue;
        seen[j] = i;
        const b = feats[j]!;
        if (!compatible(a, b)) continue;
        const s0 = score(i, j) - (sameFamily(a.family, b.family) ? 0 : margin);
        if (s0 <= 0) continue;
        pairScore.set(i * n + j, s0);
        if (s0 >= threshold) union(i, j);
      }
    }
  }

  const components = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = components.get(root);
    if (list) list.push(i);
    else components.set(root, [i]);
  }
  const groups: number[][] = [];
  for (const members of components.values()) {
    if (linkage === 'single' || members.length <= 2) groups.push(members);
    else
      groups.push(
        ...averageLinkage(
          members,
          // A conflicting pair (a question and a complaint, different sub-topics) is a cannot-link constraint:
          // no group holds both, however alike the rest (暖气费 joins neither through a member that names no sub-topic).
          (i, j) => pairScore.get(i < j ? i * n + j : j * n + i) ?? (conflicting(feats[i]!, feats[j]!) ? CANNOT_LINK : 0),
          averageThreshold,
        ),
      );
  }

  const clusters: HotspotCluster[] = [];
  for (const group of groups) {
    if (group.length < minSize) continue;
    const members = group.map((i) => feats[i]!);
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

/**
 * Agglomerative clustering with average linkage (UPGMA) over a component's
 * members: repeatedly merges the two groups with the highest mean pair
 * similarity while it reaches `threshold`. Cubic in the component's size,
 * which is that of one problem at one place (components above 400 members,
 * never seen, keep single link).
 */
export function averageLinkage(members: readonly number[], sim: (i: number, j: number) => number, threshold: number): number[][] {
  const m = members.length;
  if (m > 400) return [members.slice()];
  const groups: Array<number[] | undefined> = members.map((i) => [i]);
  // sums[x][y]: the sum of pair similarities between groups x and y.
  const sums: Float64Array[] = members.map(() => new Float64Array(m));
  for (let x = 0; x < m; x++) for (let y = x + 1; y < m; y++) sums[x]![y] = sums[y]![x] = sim(members[x]!, members[y]!);
  for (;;) {
    let best = -1;
    let bx = -1;
    let by = -1;
    for (let x = 0; x < m; x++) {
      const gx = groups[x];
      if (!gx) continue;
      for (let y = x + 1; y < m; y++) {
        const gy = groups[y];
        if (!gy) continue;
        const avg = sums[x]![y]! / (gx.length * gy.length);
        if (avg > best) {
          best = avg;
          bx = x;
          by = y;
        }
      }
    }
    if (bx < 0 || best < threshold) break;
    groups[bx] = [...groups[bx]!, ...groups[by]!];
    groups[by] = undefined;
    for (let z = 0; z < m; z++) {
      if (z === bx || !groups[z]) continue;
      sums[bx]![z] = sums[z]![bx] = sums[bx]![z]! + sums[by]![z]!;
    }
  }
  return groups.filter((g0): g0 is number[] => g0 !== undefined);
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
