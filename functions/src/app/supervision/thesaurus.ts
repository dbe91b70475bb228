import { buildThesaurus, DEFAULT_SYNONYMS, mergeSynonyms, type SynonymGroup, type Thesaurus } from '@mashang/shared';

/** Where the thesaurus rows admins added or changed come from (functions/src/store/org.ts for DynamoDB). */
export interface ThesaurusSource {
  synonyms(): Promise<SynonymGroup[]>;
}

/**
 * The hotspots' thesaurus: the bundled default with admins' rows merged in
 * (shared/src/synonyms.ts), cached briefly like the reference data (`ttlMs`, default 60 s;
 * REFERENCE_TTL_MS). Hotspots are its only reader, so it lives with them: the functions that
 * do not cluster requests neither read the rows nor carry the bundled groups.
 */
export class ThesaurusData {
  private cached: { thesaurus: Thesaurus; loadedAt: number } | undefined;
  constructor(private readonly deps: { source: ThesaurusSource; now: () => number; ttlMs?: number }) {}

  async thesaurus(): Promise<Thesaurus> {
    const ttl = this.deps.ttlMs ?? 60_000;
    const now = this.deps.now();
    if (this.cached && now - this.cached.loadedAt < ttl) return this.cached.thesaurus;
    this.cached = { thesaurus: buildThesaurus(mergeSynonyms(DEFAULT_SYNONYMS, await this.deps.source.synonyms())), loadedAt: now };
    return this.cached.thesaurus;
  }
}
