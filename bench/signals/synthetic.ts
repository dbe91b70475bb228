import { buildPlaceLexicon, placeWordsOf, type PlaceLexicon } from '@mashang/shared';
import { PLACES, type EvalRow } from './dataset.ts';

/**
 * A street office's 7-day window of `n` requests for the speed measurement:
 * the evaluation set's requests repeated at synthetic places (about 50
 * requests a place, as a busy office's week), each copy's place names
 * rewritten to its own place so copies do not all meet at one place.
 */
const A = '安康 百合 翠苑 东方 丰泽 锦绣 福馨 广厦 和平 华府 嘉园 金城 兰亭 丽景 明珠 南湖 鹏程 青城 瑞祥 盛世 天水 万象 西岸 祥和 阳光 雁滩 银河 永昌 悦澜 紫荆'.split(' ');
const B = '小区 家园 花园 新村 苑 公寓 嘉苑 雅居'.split(' ');

export function syntheticWindow(rows: readonly EvalRow[], n: number): { rows: EvalRow[]; lexicon: PlaceLexicon; places: number } {
  const places = Math.max(1, Math.ceil(n / 50));
  const out: EvalRow[] = [];
  const names: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const copy = Math.floor(i / rows.length);
    const row = rows[i % rows.length]!;
    const slot = (copy * 31 + (i % rows.length)) % places;
    const name = `${A[slot % A.length]}${B[Math.floor(slot / A.length) % B.length]}${slot >= A.length * B.length ? Math.floor(slot / (A.length * B.length)) : ''}`;
    const original = row.site ?? PLACES[row.place];
    let text = row.text;
    for (const w of placeWordsOf(original.name)) text = text.split(w).join(name);
    names.push(name);
    out.push({ ...row, id: `${row.id}-${copy}`, text, typed: name, site: { locationId: `syn-${slot}`, name: `${name}${original.name.slice(-2)}`, gridId: `syn-g${Math.floor(slot / 3)}` }, cluster: row.cluster ? `${row.cluster}-${slot}` : undefined });
  }
  return { rows: out, lexicon: buildPlaceLexicon(names), places };
}
