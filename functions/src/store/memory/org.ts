import type { CalendarOverride, Category, Location, SynonymGroup, Unit } from '@mashang/shared';
import type { StaffAccount } from '../org.ts';

/**
 * Reference data in memory (units, categories, calendar, QR locations, staff accounts), the
 * read side of functions/src/store/org.ts that the ticket use cases need, for unit tests.
 */
export class MemoryOrg {
  constructor(
    private readonly data: {
      units: Unit[];
      categories: Category[];
      locations?: Location[];
      staff?: StaffAccount[];
      overrides?: CalendarOverride[];
      loadedYears?: number[];
      cutoffMinutes?: number;
      synonyms?: SynonymGroup[];
    },
  ) {}

  async units(): Promise<Unit[]> {
    return structuredClone(this.data.units);
  }

  async categories(): Promise<Category[]> {
    return structuredClone(this.data.categories);
  }

  async calendar(): Promise<{ overrides: CalendarOverride[]; cutoffMinutes?: number; loadedYears: number[] }> {
    return { overrides: structuredClone(this.data.overrides ?? []), ...(this.data.cutoffMinutes ? { cutoffMinutes: this.data.cutoffMinutes } : {}), loadedYears: [...(this.data.loadedYears ?? [])] };
  }

  async synonyms(): Promise<SynonymGroup[]> {
    return structuredClone(this.data.synonyms ?? []);
  }

  async location(id: string): Promise<Location | undefined> {
    const l = this.data.locations?.find((x) => x.id === id);
    return l ? structuredClone(l) : undefined;
  }

  async staff(username: string): Promise<StaffAccount | undefined> {
    const a = this.data.staff?.find((x) => x.username === username);
    return a ? structuredClone(a) : undefined;
  }

  async staffStatus(username: string): Promise<{ disabled: boolean; sessionVersion: number } | undefined> {
    const a = this.data.staff?.find((x) => x.username === username);
    return a ? { disabled: a.disabled ?? false, sessionVersion: a.sessionVersion ?? 0 } : undefined;
  }
}
