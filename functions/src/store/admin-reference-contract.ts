import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY, DEFAULT_RANKING_POLICY, type AlertPolicy, type CalendarOverride, type Category, type RankingPolicy, type SynonymGroup } from '@mashang/shared';
import { MAX_CHANGE_ROWS, type CalendarYearMarker, type ReferenceChanges, type RederiveJob } from '../ports/admin-reference.ts';
import type { AuditLog } from '../ports/audit.ts';
import { adminChangeKit } from './contract-kit.ts';

/** What the contract reads back after a change, as the other Lambdas read reference data. */
export interface ReferenceReads {
  categories(): Promise<Category[]>;
  synonyms(): Promise<SynonymGroup[]>;
  settings(): Promise<{ alerts?: { policy: AlertPolicy; updatedBy?: string; updatedAt?: string }; ranking?: { policy: RankingPolicy; updatedBy?: string; updatedAt?: string } }>;
  calendar(): Promise<{ overrides: CalendarOverride[]; cutoffMinutes?: number; loadedYears: number[] }>;
  calendarDays(year: number): Promise<CalendarOverride[]>;
  calendarYears(): Promise<CalendarYearMarker[]>;
}

export interface ReferenceWorld {
  changes: ReferenceChanges;
  audit: AuditLog;
  reads: ReferenceReads;
  /** Stores a category as the seed does: no revision, no audit event. */
  seedCategory(category: Category): Promise<void>;
}

/**
 * The contract of the administration's reference-data changes (functions/src/ports/admin-reference.ts),
 * run against the DynamoDB store (tests/integration/admin-reference-store-contract.test.ts, on DynamoDB
 * Local: AdminStore, read back through OrgStore and AlertStore) and the memory twin
 * (functions/src/store/memory/admin-reference.test.ts) with the same assertions. Each case uses
 * codes, ids and a county of its own: a DynamoDB table is shared by the whole suite (the calendar
 * cases use a year of their own each, and read the job's generation before they change it).
 */
export function adminReferenceContract(name: string, world: () => ReferenceWorld): void {
  const { unique, at, audit, events, refusal } = adminChangeKit(() => world().audit);
  /** The job's next generation after the one stored now, as a calendar change starts it. */
  const nextJob = async (reason: string) => {
    const previous = await world().changes.job();
    const next: RederiveJob = { generation: (previous?.generation ?? 0) + 1, step: 0, status: 'running', reason, requestedBy: 'county-admin', changedAt: at, passStartedAt: at, passes: 1, scanned: 0, changed: 0 };
    return { previous, next };
  };
  /** `count` days of `year` from 1 January, alternately holidays and working days. */
  const daysOf = (year: number, count: number): CalendarOverride[] =>
    Array.from({ length: count }, (_, i) => ({ date: new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10), kind: i % 2 ? 'workday' : 'holiday' }));

  describe(`admin reference changes contract: ${name}`, () => {
    it('creates a category at revision 0 with its audit event; a taken code is a conflict that writes nothing', async () => {
      const county = `county-${unique()}`;
      const category: Category = { code: `c_${unique()}`, name: '噪音扰民', policy: { resolveWorkingDays: 3 } };
      await world().changes.createCategory(category, audit(county, 'category.create', `category:${category.code}`, { after: category }));
      expect(await world().changes.category(category.code)).toEqual({ category, rev: 0 });
      expect((await world().reads.categories()).find((c) => c.code === category.code)).toEqual(category);
      expect(await events(county)).toEqual([{ action: 'category.create', target: `category:${category.code}`, after: category }]);

      const again = { ...category, name: '另一个' };
      expect(await refusal(world().changes.createCategory(again, audit(county, 'category.create', `category:${category.code}`)))).toBe('admin_conflict');
      expect(await world().changes.category(category.code)).toEqual({ category, rev: 0 });
      expect(await events(county)).toHaveLength(1);
    });

    it('updates the revision read, moving it on; a stale revision or a missing category is a conflict that writes nothing', async () => {
      const county = `county-${unique()}`;
      const v0: Category = { code: `c_${unique()}`, name: '道路交通' };
      await world().changes.createCategory(v0, audit(county, 'category.create', `category:${v0.code}`, { after: v0 }));
      const v1: Category = { ...v0, name: '交通', urgent: true };
      await world().changes.updateCategory(v1, 0, audit(county, 'category.update', `category:${v0.code}`, { before: v0, after: v1 }));
      expect(await world().changes.category(v0.code)).toEqual({ category: v1, rev: 1 });

      // Another admin saved revision 0 meanwhile: refused, nothing written.
      const lost: Category = { ...v0, name: '迟到的修改' };
      expect(await refusal(world().changes.updateCategory(lost, 0, audit(county, 'category.update', `category:${v0.code}`)))).toBe('admin_conflict');
      expect(await world().changes.category(v0.code)).toEqual({ category: v1, rev: 1 });

      const gone: Category = { code: `c_${unique()}`, name: '不存在' };
      expect(await refusal(world().changes.updateCategory(gone, 0, audit(county, 'category.update', `category:${gone.code}`)))).toBe('admin_conflict');
      expect(await world().changes.category(gone.code)).toBeUndefined();

      expect((await events(county)).map((e) => e.action).sort()).toEqual(['category.create', 'category.update']);
      expect((await events(county)).find((e) => e.action === 'category.update')).toEqual({ action: 'category.update', target: `category:${v0.code}`, before: v0, after: v1 });
    });

    it('reads a seeded category (stored without a revision) as revision 0 and updates it from there', async () => {
      const county = `county-${unique()}`;
      const seeded: Category = { code: `c_${unique()}`, name: '环境卫生' };
      await world().seedCategory(seeded);
      expect(await world().changes.category(seeded.code)).toEqual({ category: seeded, rev: 0 });
      const next: Category = { ...seeded, hint: '垃圾、污水' };
      await world().changes.updateCategory(next, 0, audit(county, 'category.update', `category:${seeded.code}`, { before: seeded, after: next }));
      expect(await world().changes.category(seeded.code)).toEqual({ category: next, rev: 1 });
      expect(await events(county)).toHaveLength(1);
    });

    it('saves a thesaurus group (replacing its row) and deletes it, each with its audit event', async () => {
      const county = `county-${unique()}`;
      const id = `g-${unique()}`;
      const group: SynonymGroup = { id, concept: '室温低', terms: ['冰拔凉', '冻成狗'], broader: '供暖', aspect: false, enabled: true };
      await world().changes.saveSynonym(group, audit(county, 'synonym.create', `synonym:${id}`, { after: group }));
      expect((await world().reads.synonyms()).find((g) => g.id === id)).toEqual(group);

      const off: SynonymGroup = { ...group, enabled: false };
      await world().changes.saveSynonym(off, audit(county, 'synonym.disable', `synonym:${id}`, { before: group, after: off }));
      expect((await world().reads.synonyms()).filter((g) => g.id === id)).toEqual([off]);

      await world().changes.deleteSynonym(id, audit(county, 'synonym.delete', `synonym:${id}`, { before: off }));
      expect((await world().reads.synonyms()).find((g) => g.id === id)).toBeUndefined();

      const log = await events(county);
      expect(log.map((e) => e.action).sort()).toEqual(['synonym.create', 'synonym.delete', 'synonym.disable']);
      expect(log.find((e) => e.action === 'synonym.disable')).toEqual({ action: 'synonym.disable', target: `synonym:${id}`, before: group, after: off });
    });

    it('saves both alert settings, marked with the audit event\'s actor and instant, with the audit event', async () => {
      const county = `county-${unique()}`;
      const alerts: AlertPolicy = { ...DEFAULT_ALERT_POLICY, unrespondedMinutes: 10 };
      const ranking: RankingPolicy = { ...DEFAULT_RANKING_POLICY, minRequests: 3 };
      await world().changes.saveAlertSettings(alerts, ranking, audit(county, 'settings.alerts', 'settings:alerts', { after: { alerts, ranking } }));
      expect(await world().reads.settings()).toEqual({
        alerts: { policy: alerts, updatedBy: 'county-admin', updatedAt: at },
        ranking: { policy: ranking, updatedBy: 'county-admin', updatedAt: at },
      });
      expect(await events(county)).toEqual([{ action: 'settings.alerts', target: 'settings:alerts', after: { alerts, ranking } }]);
    });

    it('loads a year: its days replaced, its marker and the job\'s next generation stored with the audit event', async () => {
      const county = `county-${unique()}`;
      const first = await nextJob('加载 2031 年节假日安排');
      await world().changes.changeCalendar({ days: daysOf(2031, 3) }, first, audit(county, 'calendar.correctDay', 'calendar:2031-01-01'));
      const marker: CalendarYearMarker = { year: 2031, loadedAt: at, loadedBy: '何平', dayCount: 2, source: '国办发明电〔2030〕1号' };
      const job = await nextJob('加载 2031 年节假日安排');
      const days: CalendarOverride[] = [{ date: '2031-01-01', kind: 'holiday', note: '元旦' }, { date: '2031-02-08', kind: 'workday' }];
      await world().changes.changeCalendar({ removeDays: ['2031-01-02', '2031-01-03'], days, loadedYear: marker }, job, audit(county, 'calendar.loadYear', 'calendar:2031', { after: { days } }));
      expect(await world().reads.calendarDays(2031)).toEqual(days);
      expect((await world().reads.calendar()).loadedYears).toContain(2031);
      expect((await world().reads.calendarYears()).find((y) => y.year === 2031)).toEqual(marker);
      expect(await world().changes.job()).toEqual(job.next);
      expect(job.next.generation).toBe(first.next.generation + 1);
      expect((await events(county)).map((e) => e.action).sort()).toEqual(['calendar.correctDay', 'calendar.loadYear']);
    });

    it('corrects a day back to the default and sets the cut-off, each with the job and its audit event', async () => {
      const county = `county-${unique()}`;
      await world().changes.changeCalendar({ days: [{ date: '2032-05-06', kind: 'holiday' }] }, await nextJob('更正 2032-05-06'), audit(county, 'calendar.correctDay', 'calendar:2032-05-06'));
      await world().changes.changeCalendar({ removeDays: ['2032-05-06'] }, await nextJob('更正 2032-05-06'), audit(county, 'calendar.correctDay', 'calendar:2032-05-06'));
      expect(await world().reads.calendarDays(2032)).toEqual([]);
      const job = await nextJob('每日截止时间改为 17:30');
      await world().changes.changeCalendar({ cutoffMinutes: 1050 }, job, audit(county, 'calendar.cutoff', 'calendar:cutoff', { before: { cutoffMinutes: 1440 }, after: { cutoffMinutes: 1050 } }));
      expect((await world().reads.calendar()).cutoffMinutes).toBe(1050);
      expect(await world().changes.job()).toEqual(job.next);
      expect((await events(county)).filter((e) => e.action === 'calendar.cutoff')).toEqual([{ action: 'calendar.cutoff', target: 'calendar:cutoff', before: { cutoffMinutes: 1440 }, after: { cutoffMinutes: 1050 } }]);
    });

    it('a calendar change after another one got there first (the job moved on) is a conflict that writes nothing', async () => {
      const county = `county-${unique()}`;
      const mine = await nextJob('更正 2033-01-05');
      const theirs = await nextJob('更正 2033-01-06');
      await world().changes.changeCalendar({ days: [{ date: '2033-01-06', kind: 'holiday' }] }, theirs, audit(county, 'calendar.correctDay', 'calendar:2033-01-06'));
      expect(await refusal(world().changes.changeCalendar({ days: [{ date: '2033-01-05', kind: 'holiday' }] }, mine, audit(county, 'calendar.correctDay', 'calendar:2033-01-05')))).toBe('admin_conflict');
      // Read as if no job existed yet: refused too.
      expect(await refusal(world().changes.changeCalendar({ cutoffMinutes: 600 }, { previous: undefined, next: { ...mine.next, generation: 1 } }, audit(county, 'calendar.cutoff', 'calendar:cutoff')))).toBe('admin_conflict');
      expect(await world().reads.calendarDays(2033)).toEqual([{ date: '2033-01-06', kind: 'holiday' }]);
      expect((await world().reads.calendar()).cutoffMinutes).not.toBe(600);
      expect(await world().changes.job()).toEqual(theirs.next);
      expect((await events(county)).map((e) => e.target)).toEqual(['calendar:2033-01-06']);
    });

    it(`writes a change of ${MAX_CHANGE_ROWS} rows at once and refuses one row more, writing nothing`, async () => {
      const county = `county-${unique()}`;
      const marker = (year: number, dayCount: number): CalendarYearMarker => ({ year, loadedAt: at, loadedBy: '何平', dayCount });
      // Days, the marker, the job and the audit event: 97 + 3 rows.
      const fits = daysOf(2034, MAX_CHANGE_ROWS - 3);
      await world().changes.changeCalendar({ days: fits, loadedYear: marker(2034, fits.length) }, await nextJob('加载 2034 年节假日安排'), audit(county, 'calendar.loadYear', 'calendar:2034'));
      expect(await world().reads.calendarDays(2034)).toHaveLength(fits.length);

      const job = await world().changes.job();
      const tooMany = daysOf(2035, MAX_CHANGE_ROWS - 2);
      expect(await refusal(world().changes.changeCalendar({ days: tooMany, loadedYear: marker(2035, tooMany.length) }, await nextJob('加载 2035 年节假日安排'), audit(county, 'calendar.loadYear', 'calendar:2035')))).toBe('too_many_changes');
      expect(await world().reads.calendarDays(2035)).toEqual([]);
      expect((await world().reads.calendar()).loadedYears).not.toContain(2035);
      expect(await world().changes.job()).toEqual(job);
      expect((await events(county)).map((e) => e.target)).toEqual(['calendar:2034']);
    });
  });
}
