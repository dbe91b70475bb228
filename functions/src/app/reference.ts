import { AppError, createCalendar, resolvePolicy, type CalendarOverride, type Category, type SlaPolicy, type Unit, type WorkCalendar } from '@mashang/shared';

/**
 * Reference data as the use cases read it: units, categories and the calendar. (The hotspots'
 * thesaurus is read by the hotspots alone: functions/src/app/supervision/thesaurus.ts.)
 */
export interface Reference {
  units: Map<string, Unit>;
  categories: Map<string, Category>;
  calendar: WorkCalendar;
  loadedAt: number;
}

/** Where reference data comes from (functions/src/store/org.ts for DynamoDB). */
export interface ReferenceSource {
  units(): Promise<Unit[]>;
  categories(): Promise<Category[]>;
  calendar(): Promise<{ overrides: CalendarOverride[]; cutoffMinutes?: number; loadedYears: number[] }>;
}

/**
 * Units, categories and the calendar, cached briefly (`ttlMs`, default 60 s): they change
 * rarely and are read on every request. Every use case that needs them uses this one module.
 */
export class ReferenceData {
  private cached: Reference | undefined;
  constructor(private readonly deps: { source: ReferenceSource; now: () => number; ttlMs?: number }) {}

  async ref(): Promise<Reference> {
    const ttl = this.deps.ttlMs ?? 60_000;
    const now = this.deps.now();
    if (this.cached && now - this.cached.loadedAt < ttl) return this.cached;
    const [units, categories, cal] = await Promise.all([this.deps.source.units(), this.deps.source.categories(), this.deps.source.calendar()]);
    this.cached = {
      units: new Map(units.map((u) => [u.id, u])),
      categories: new Map(categories.map((c) => [c.code, c])),
      calendar: createCalendar({ overrides: cal.overrides, cutoffMinutes: cal.cutoffMinutes, loadedYears: cal.loadedYears }),
      loadedAt: now,
    };
    return this.cached;
  }

  /** A category by code; CATEGORY_NOT_FOUND (on the form's `categoryCode`) otherwise. */
  async category(code: string): Promise<Category> {
    const c = (await this.ref()).categories.get(code);
    if (!c) throw new AppError('CATEGORY_NOT_FOUND', '诉求类别不存在', [{ path: 'categoryCode', message: '请选择有效的诉求类别' }]);
    return c;
  }
}

/** What a use case needs to read reference data: {@link ReferenceData} (or anything that serves it, like the MashangService façade). */
export type ReferenceReader = Pick<ReferenceData, 'ref'>;

/** The state machine's `categoryPolicy`: a category's clocks by code (undefined for an unknown code). */
export function categoryPolicyOf(categories: Map<string, Category>): (code: string) => SlaPolicy | undefined {
  return (code) => {
    const c = categories.get(code);
    return c ? resolvePolicy(c.policy) : undefined;
  };
}
