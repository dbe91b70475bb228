import {
  buildPlaceLexicon,
  clusterHotspots,
  defaultRiskRules,
  defaultThesaurus,
  evaluateRisk,
  lexiconWords,
  segment,
  type Cut,
  type HotspotInput,
  type HotspotOptions,
  type PlaceLexicon,
  type RiskRuleSet,
  type Thesaurus,
} from '@mashang/shared';
import { PLACES, type EvalRow } from './dataset.ts';

/**
 * Precision and recall of hotspots (pairwise) and of each risk indicator on
 * labelled requests. Pure apart from the segmenter passed in: bench/signals.ts
 * and the unit test (functions/src/app/signals-eval.test.ts) run it with jieba.
 */

export const EVAL_NOW = '2026-11-30T04:00:00.000Z';
const HOUR = 3_600_000;
/** Channels that come with a QR location: the resident scanned it, or the grid worker filed at it. */
const WITH_LOCATION = new Set(['qr', 'grid']);

export interface Segmenterish {
  cut: Cut;
  addWords(words: readonly string[]): void;
}

/** The requests as the backend would see them: QR and grid filings carry their location, the desk's only a typed place and a grid. */
export function inputsOf(rows: readonly EvalRow[], seg: Segmenterish, thesaurus: Thesaurus = defaultThesaurus()): { inputs: HotspotInput[]; lexicon: PlaceLexicon } {
  const site = (r: EvalRow) => r.site ?? PLACES[r.place];
  const locationName = (r: EvalRow) => (WITH_LOCATION.has(r.channel) ? site(r).name : (r.typed ?? site(r).name));
  const lexicon = buildPlaceLexicon(rows.map(locationName));
  seg.addWords([...lexiconWords(lexicon), ...thesaurus.words]);
  const inputs = rows.map((r) => ({
    id: r.id,
    tokens: segment(r.text, seg.cut),
    text: r.text,
    categoryCode: r.categoryCode,
    channel: r.channel,
    receivedAt: new Date(Date.parse(EVAL_NOW) - r.hoursAgo * HOUR).toISOString(),
    locationName: locationName(r),
    gridId: site(r).gridId,
    ...(WITH_LOCATION.has(r.channel) ? { locationId: site(r).locationId } : {}),
  }));
  return { inputs, lexicon };
}

export interface PR {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function pr(tp: number, fp: number, fn: number): PR {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export interface ClusterResult extends PR {
  /** Pairs put together that are different problems. */
  falsePairs: Array<[string, string]>;
  /** Pairs of one problem left apart. */
  missedPairs: Array<[string, string]>;
}

/** Pairwise precision and recall of predicted groups against the labelled hotspots. */
export function clusterScore(rows: readonly EvalRow[], inputs: readonly HotspotInput[], lexicon: PlaceLexicon, options: HotspotOptions): ClusterResult {
  const clusters = clusterHotspots(inputs, lexicon, { ...options, minSize: 2 });
  const predicted = new Map<string, number>();
  clusters.forEach((c, i) => c.memberIds.forEach((id) => predicted.set(id, i)));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePairs: Array<[string, string]> = [];
  const missedPairs: Array<[string, string]> = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i]!;
      const b = rows[j]!;
      const gold = a.cluster !== undefined && a.cluster === b.cluster;
      const pa = predicted.get(a.id);
      const got = pa !== undefined && pa === predicted.get(b.id);
      if (gold && got) tp++;
      else if (got) {
        fp++;
        falsePairs.push([a.id, b.id]);
      } else if (gold) {
        fn++;
        missedPairs.push([a.id, b.id]);
      }
    }
  }
  return { ...pr(tp, fp, fn), falsePairs, missedPairs };
}

export interface RiskResult extends PR {
  byIndicator: Record<string, PR>;
  errors: Array<{ id: string; missed: string[]; extra: string[] }>;
}

/** Precision and recall per keyword indicator (the text alone, no history), and over all indicators. */
export function riskScore(rows: readonly EvalRow[], rules: RiskRuleSet = defaultRiskRules()): RiskResult {
  const indicators = rules.rules.filter((r) => r.kind === 'keywords' && r.enabled).map((r) => r.id);
  const counts = new Map(indicators.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const errors: RiskResult['errors'] = [];
  for (const row of rows) {
    const fired = evaluateRisk({ id: row.id, categoryCode: row.categoryCode, reopenCount: 0, texts: [row.text] }, { samePerson: [], samePlace: [] }, rules, 'created', EVAL_NOW);
    const got = new Set(fired?.fired.map((f) => f.ruleId) ?? []);
    const want = new Set(row.risk);
    for (const id of indicators) {
      const c = counts.get(id)!;
      if (got.has(id) && want.has(id)) c.tp++;
      else if (got.has(id)) c.fp++;
      else if (want.has(id)) c.fn++;
    }
    const missed = [...want].filter((x) => !got.has(x));
    const extra = [...got].filter((x) => !want.has(x) && indicators.includes(x));
    if (missed.length || extra.length) errors.push({ id: row.id, missed, extra });
  }
  const unknown = rows.flatMap((r) => r.risk).filter((id) => !indicators.includes(id));
  if (unknown.length) throw new Error(`labels name indicators the rules lack: ${[...new Set(unknown)].join(', ')}`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byIndicator: Record<string, PR> = {};
  for (const [id, c] of counts) {
    byIndicator[id] = pr(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { ...pr(tp, fp, fn), byIndicator, errors };
}
