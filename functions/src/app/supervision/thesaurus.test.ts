import { describe, expect, it } from 'vitest';
import { conceptsIn, DEFAULT_SYNONYMS, type SynonymGroup } from '@mashang/shared';
import { ThesaurusData } from './thesaurus.ts';

/** The hotspots' thesaurus: the bundled groups with the admins' rows merged in, cached like the reference data. */
function source(rows: SynonymGroup[]) {
  const calls = { n: 0 };
  return { calls, rows, synonyms: async () => (calls.n++, [...rows]) };
}

const pump: SynonymGroup = { id: 'pump', concept: '加压泵', terms: ['加压泵', '水泵房'], aspect: false, enabled: true };

describe('ThesaurusData', () => {
  it('merges the rows into the bundled groups: an added group, a default switched off', async () => {
    const heatingOff: SynonymGroup = { ...DEFAULT_SYNONYMS.find((g) => g.id === 'heating')!, enabled: false };
    const t = await new ThesaurusData({ source: source([pump, heatingOff]), now: () => 0 }).thesaurus();
    expect(conceptsIn('水泵房漏油', t)).toEqual(['加压泵']);
    expect(t.concepts.has('暖气片')).toBe(false);
    expect(conceptsIn('公交车发车间隔太长', t)).toEqual(expect.arrayContaining(['公交', '候车']));
  });

  it('reads the rows again only when the cache time has passed (60 s by default)', async () => {
    let now = 1_000;
    const src = source([]);
    const data = new ThesaurusData({ source: src, now: () => now });
    expect((await data.thesaurus()).concepts.has('加压泵')).toBe(false);
    src.rows.push(pump);
    now += 59_999;
    expect((await data.thesaurus()).concepts.has('加压泵')).toBe(false);
    expect(src.calls.n).toBe(1);
    now += 1;
    expect((await data.thesaurus()).concepts.has('加压泵')).toBe(true);
    expect(src.calls.n).toBe(2);
  });

  it('with a cache time of 0 reads the rows on every call', async () => {
    const src = source([]);
    const data = new ThesaurusData({ source: src, now: () => 5, ttlMs: 0 });
    await data.thesaurus();
    await data.thesaurus();
    expect(src.calls.n).toBe(2);
  });
});
