import {
  AppError,
  CLOCK_LONG_LABELS,
  CLOCKS,
  computeClocks,
  describePromise,
  fromEpochMs,
  isProvisional,
  localDateOf,
  resolvePolicy,
  type Actor,
  type Category,
  type Location,
  type LocationView,
  type PromisedDeadlines,
  type Unit,
} from '@mashang/shared';
import type { ReferenceData } from '../reference.ts';

/** What anybody may read of the reference data: a QR location, the categories, the unit tree (staff), the promised deadlines. */
export class ReferenceViews {
  constructor(
    private readonly deps: {
      reference: Pick<ReferenceData, 'ref' | 'category'>;
      location: (id: string) => Promise<Location | undefined>;
      now: () => number;
    },
  ) {}

  async location(id: string): Promise<LocationView> {
    const loc = await this.deps.location(id);
    if (!loc) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点，请确认二维码是否完整');
    return { id: loc.id, name: loc.name, address: loc.address, gridName: loc.gridName, communityName: loc.communityName, centreName: loc.centreName };
  }

  async categories(): Promise<Category[]> {
    return [...(await this.deps.reference.ref()).categories.values()];
  }

  /** The unit tree, for staff choosing where to dispatch. */
  async units(actor: Actor): Promise<Unit[]> {
    if (actor.role === 'resident') throw new AppError('FORBIDDEN', '仅工作人员可查看单位');
    // Deactivated units stay in the reference data (old requests name them) but are offered no more.
    return [...(await this.deps.reference.ref()).units.values()].filter((u) => !u.disabled);
  }

  /** The four deadlines a resident is promised before submitting. */
  async promisedDeadlines(categoryCode: string, receivedAt?: string): Promise<PromisedDeadlines> {
    const category = await this.deps.reference.category(categoryCode);
    const { calendar } = await this.deps.reference.ref();
    const t0 = receivedAt ? fromEpochMs(Date.parse(receivedAt)) : fromEpochMs(this.deps.now());
    const policy = resolvePolicy(category.policy);
    const clocks = computeClocks(t0, policy, calendar);
    const missing = calendar.missingYears(localDateOf(t0), localDateOf(clocks.followUp.dueAt));
    return {
      categoryCode,
      receivedAt: t0,
      deadlines: CLOCKS.map((clock) => ({
        clock,
        label: CLOCK_LONG_LABELS[clock],
        dueAt: clocks[clock].dueAt,
        promise: describePromise(clock, policy),
        ...(isProvisional({ clocks, calendarMissingYears: missing }, clock) ? { provisional: true } : {}),
      })),
      calendarMissingYears: missing,
    };
  }
}
