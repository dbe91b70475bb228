import { describe, expect, it } from 'vitest';
import { buildPlaceLexicon, clusterHotspots, clusterOf, lexiconWords, segment } from '@mashang/shared';
import { HOTSPOT_FIXTURES } from '@mashang/shared/hotspots.fixtures';
import { jiebaSegmenter } from './segmenter.ts';

/** The real segmenter (jieba, native addon) on the hotspot fixtures: the pipeline the supervision Lambda runs. */
describe('jieba segmenter', () => {
  it('keeps place names it is given, bus lines and buildings whole', async () => {
    const seg = await jiebaSegmenter();
    seg.addWords(['甘肃大剧院', '大剧院', '西街小区']);
    expect(segment('早上在大剧院站等149路', seg.cut)).toEqual(expect.arrayContaining(['大剧院', '149路']));
    expect(segment('西街小区三号楼的电梯又坏了', seg.cut)).toEqual(expect.arrayContaining(['西街小区', '3号楼', '电梯']));
    expect(seg.cut('甘肃大剧院东门')).toContain('甘肃大剧院');
  });

  it('is one instance per process, and adding a known word again changes nothing', async () => {
    const a = await jiebaSegmenter();
    a.addWords(['甘肃大剧院']);
    expect(await jiebaSegmenter()).toBe(a);
  });

  it('groups the twenty fixtures into exactly the expected hotspots', async () => {
    const seg = await jiebaSegmenter();
    const lexicon = buildPlaceLexicon(HOTSPOT_FIXTURES.map((f) => f.locationName));
    seg.addWords(lexiconWords(lexicon));
    const clusters = clusterHotspots(
      HOTSPOT_FIXTURES.map((f) => ({
        id: f.key,
        tokens: segment(f.text, seg.cut),
        categoryCode: f.categoryCode,
        channel: f.channel,
        receivedAt: new Date(Date.UTC(2026, 10, 20) - f.hoursAgo * 3_600_000).toISOString(),
        locationId: f.locationId,
        locationName: f.locationName,
        gridId: f.gridId,
      })),
      lexicon,
    );
    for (const f of HOTSPOT_FIXTURES) {
      const mine = clusterOf(f.key, clusters);
      if (!f.group) expect(mine, f.key).toBeUndefined();
      else expect([...mine!.memberIds].sort(), f.key).toEqual(HOTSPOT_FIXTURES.filter((x) => x.group === f.group).map((x) => x.key).sort());
    }
    expect(clusterOf('bus-qr', clusters)!.keywords.slice(0, 2)).toEqual(['149路', '甘肃大剧院']);
  });
});
