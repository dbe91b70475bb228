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
  it('clusters with pairwise precision and recall of at least 0.9 on both splits and the whole set', async () => {
    const seg = await jiebaSegmenter();
    expect(rowsOf('all').length).toBeGreaterThanOrEqual(300);
    for (const split of ['dev', 'held', 'all'] as const) {
      const rows = rowsOf(split);
      const { inputs, lexicon } = inputsOf(rows, seg);
      const s = clusterScore(rows, inputs, lexicon, { measure: DEFAULT_MEASURE, threshold: DEFAULT_THRESHOLDS[DEFAULT_MEASURE] });
      expect(s.precision, split).toBeGreaterThanOrEqual(CLUSTER_FLOOR.precision);
      expect(s.recall, split).toBeGreaterThanOrEqual(CLUSTER_FLOOR.recall);
    }
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

/** The goal of issue #15 (README.md reports the figures of bench:signals, all above it). */
const CLUSTER_FLOOR = { precision: 0.9, recall: 0.9 };
