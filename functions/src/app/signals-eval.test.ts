import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASURE, DEFAULT_THRESHOLDS } from '@mashang/shared';
import { rowsOf } from '../../../bench/signals/dataset.ts';
import { clusterScore, inputsOf, riskScore } from '../../../bench/signals/evaluate.ts';
import { jiebaSegmenter } from '../adapters/segmenter.ts';

/**
 * The reduced run of `npm run bench:signals` inside `npm test`: hotspots and
 * risk indicators on the labelled evaluation set (bench/signals/), with the
 * real segmenter and the default thresholds, must stay at or above the
 * figures the README reports. No timing here (the benchmark prints it).
 */
describe('signals on the labelled evaluation set', () => {
  it('clusters the set with pairwise precision and recall at the reported floor', async () => {
    const rows = rowsOf('all');
    expect(rows.length).toBeGreaterThanOrEqual(300);
    const { inputs, lexicon } = inputsOf(rows, await jiebaSegmenter());
    const s = clusterScore(rows, inputs, lexicon, { measure: DEFAULT_MEASURE, threshold: DEFAULT_THRESHOLDS[DEFAULT_MEASURE] });
    expect(s.precision).toBeGreaterThanOrEqual(CLUSTER_FLOOR.precision);
    expect(s.recall).toBeGreaterThanOrEqual(CLUSTER_FLOOR.recall);
  });

  it('raises the risk indicators with precision and recall of at least 0.9, on both splits', () => {
    for (const split of ['dev', 'held'] as const) {
      const r = riskScore(rowsOf(split));
      expect(r.precision, split).toBeGreaterThanOrEqual(0.9);
      expect(r.recall, split).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('keeps the held-out split honest: no hotspot is split across the two', () => {
    const dev = new Set(rowsOf('dev').flatMap((r) => (r.cluster ? [r.cluster] : [])));
    for (const r of rowsOf('held')) if (r.cluster) expect(dev.has(r.cluster), r.cluster).toBe(false);
    expect(rowsOf('held').length).toBeGreaterThanOrEqual(100);
  });
});

/** The figures README.md reports for the whole set (bench:signals), rounded down. */
const CLUSTER_FLOOR = { precision: 0.8, recall: 0.8 };
