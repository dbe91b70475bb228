import type { Cut } from '@mashang/shared';

/**
 * Chinese word segmentation for hotspots: jieba (`@node-rs/jieba`, a native
 * addon) with its default dictionary plus the place names of the requests at
 * hand (甘肃大剧院, 张掖路步行街 …), which must stay whole words. Bus lines and
 * building numbers (149路, 3号楼) are kept whole by `segment()` in
 * shared/src/hotspots.ts before jieba sees the text.
 *
 * Packaging: the addon cannot be bundled, so serverless.yml marks
 * `@node-rs/jieba` external and installs it for linux-arm64 (glibc) into the
 * supervision function's package only; the dictionary (5 MB) is read from the
 * package at first use, not at cold start of routes that do not segment.
 */
export interface Segmenter {
  /** Words of a text, without the HMM guesser (deterministic, dictionary words only). */
  cut: Cut;
  /** Adds words to the dictionary (idempotent; only new words are loaded). */
  addWords(words: readonly string[]): void;
}

interface JiebaLike {
  cut(sentence: string, hmm?: boolean | null): string[];
  loadDict(dict: Uint8Array): void;
}

/** Dictionary frequency of added words: high enough that jieba keeps them whole. */
const CUSTOM_WORD_FREQUENCY = 100_000;

class JiebaSegmenter implements Segmenter {
  private readonly known = new Set<string>();
  constructor(private readonly jieba: JiebaLike) {}

  readonly cut: Cut = (text) => this.jieba.cut(text, false);

  addWords(words: readonly string[]): void {
    const fresh = [...new Set(words.map((w) => w.trim()))].filter((w) => w.length >= 2 && !/\s/.test(w) && !this.known.has(w));
    if (fresh.length === 0) return;
    this.jieba.loadDict(new TextEncoder().encode(fresh.map((w) => `${w} ${CUSTOM_WORD_FREQUENCY} ns`).join('\n')));
    for (const w of fresh) this.known.add(w);
  }
}

let loading: Promise<Segmenter> | undefined;

/** The process-wide jieba segmenter, loaded on first use (≈ 0.2 s) and kept for the warm Lambda's life. */
export function jiebaSegmenter(): Promise<Segmenter> {
  loading ??= (async () => {
    // `dict.js`, not `dict`: the package has no "exports" map and an ESM import() does not guess extensions.
    const [{ Jieba }, { dict }] = await Promise.all([import('@node-rs/jieba'), import('@node-rs/jieba/dict.js')]);
    return new JiebaSegmenter(Jieba.withDict(dict));
  })().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}
