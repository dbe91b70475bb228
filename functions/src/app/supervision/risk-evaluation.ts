import {
  defaultRiskRules,
  evaluateRisk,
  formatLocal,
  fromEpochMs,
  historyDays,
  maskPhonesInText,
  RISK_LEVEL_LABELS,
  riskWarningId,
  toEpochMs,
  type Instant,
  type PriorRequest,
  type RiskHistory,
  type RiskRuleSet,
  type RiskTrigger,
  type RiskWarning,
  type Ticket,
} from '@mashang/shared';
import type { SideWrite } from '../../ports/tickets.ts';
import type { SupervisionStore } from '../../store/supervision.ts';

/**
 * Risk evaluation of one request (the pure rules of shared/src/risk.ts over the history
 * read here), shared by the risk service (a reopening, evaluated with the change) and the
 * dispatcher's risk checks (a new request, evaluated after its write: functions/src/app/supervision/risk-checks.ts).
 * The supervisors' lists, rules editing and tasks stay in functions/src/app/supervision/risk.ts, so the
 * dispatcher's bundle carries only this.
 */
export interface RiskEvaluationDeps {
  store: Pick<SupervisionStore, 'rules' | 'byResident' | 'byPhone' | 'byPlace' | 'categoriesOf'>;
  now: () => number;
  /** How long a warm Lambda keeps the rule set (default 60 s; tests pass 0). */
  rulesTtlMs?: number;
}

/** Whether a repeat-by-person rule compares categories (then requests found only by phone need theirs). */
function needsCategory(set: RiskRuleSet): boolean {
  return set.rules.some((r) => r.enabled && r.kind === 'repeat_person' && r.sameFamily);
}

const DAY_MS = 86_400_000;

export class RiskEvaluator {
  private cached: { set: RiskRuleSet; at: number } | undefined;
  constructor(private readonly deps: RiskEvaluationDeps) {}

  /** The rule set in force: the stored one, or the defaults when admins never saved one. */
  async ruleSet(): Promise<RiskRuleSet> {
    const ttl = this.deps.rulesTtlMs ?? 60_000;
    const age = this.cached ? this.deps.now() - this.cached.at : Number.NaN;
    if (this.cached && age >= 0 && age < ttl) return this.cached.set;
    const set = (await this.deps.store.rules()) ?? defaultRiskRules();
    this.cached = { set, at: this.deps.now() };
    return set;
  }

  /** Forgets the cached rule set, or replaces it with the one just saved. */
  remember(set?: RiskRuleSet): void {
    this.cached = set ? { set, at: this.deps.now() } : undefined;
  }

  /**
   * The warning side-write of a created or reopened request as of `asOf` (history up to that
   * instant, the task due from it); none when no rule fires. Throws when the rules or the history
   * cannot be read.
   */
  async assess(trigger: RiskTrigger, ticket: Ticket, texts: string[], asOf: Instant): Promise<SideWrite[]> {
    const set = await this.ruleSet();
    const history = trigger === 'created' ? await this.history(ticket, set, asOf) : { samePerson: [], samePlace: [] };
    const subject = { id: ticket.id, categoryCode: ticket.categoryCode, reopenCount: ticket.reopenCount, texts: texts.filter((t) => t.trim() !== '') };
    const assessment = evaluateRisk(subject, history, set, trigger, asOf);
    if (!assessment) return [];
    const warning: RiskWarning = {
      id: riskWarningId(ticket.id, trigger, ticket.reopenCount),
      version: 1,
      ticketId: ticket.id,
      trigger,
      level: assessment.level,
      fired: assessment.fired,
      createdAt: asOf,
      officeUnitId: ticket.originUnitId ?? ticket.coordinatorUnitId,
      assignedUnitId: ticket.gridId ?? ticket.coordinatorUnitId,
      dueAt: assessment.dueAt,
      status: 'open',
      categoryCode: ticket.categoryCode,
      locationName: ticket.locationName,
      // Lists show it: phone numbers masked before it is stored (the view masks older rows too).
      summary: summarise(maskPhonesInText(ticket.description)),
    };
    const minutes = Math.round((toEpochMs(warning.dueAt) - toEpochMs(asOf)) / 60_000);
    const text = `风险预警（${RISK_LEVEL_LABELS[warning.level]}）：${warning.fired.map((f) => f.ruleName).join('、')}。请在${minutes}分钟内（${formatLocal(warning.dueAt)}前）核实处置`;
    const high = warning.fired.filter((f) => f.level === 'high');
    const supervisorText = `高危风险预警：${high.map((f) => `${f.ruleName}（${f.indicators.join('，')}）`).join('；')}。诉求${ticket.id}，${ticket.locationName}；已派网格员${minutes}分钟内核实，请督办`;
    return [{ kind: 'risk_warning', warning, text, n: trigger === 'created' ? 0 : ticket.reopenCount, supervisorText }];
  }

  /**
   * Earlier requests of the same person (resident id, phone number) and place, as far back as
   * the rules look and no later than `until`: each query reads at most HISTORY_LIMIT index items,
   * newest first, whatever the history.
   */
  private async history(ticket: Ticket, set: RiskRuleSet, until: Instant): Promise<RiskHistory> {
    const days = historyDays(set);
    const since = (d: number) => fromEpochMs(toEpochMs(until) - d * DAY_MS);
    const none = Promise.resolve<PriorRequest[]>([]);
    const [byResident, byPhone, samePlace] = await Promise.all([
      days.person && ticket.residentId ? this.deps.store.byResident(ticket.residentId, since(days.person), until) : none,
      days.person && ticket.phone ? this.deps.store.byPhone(ticket.phone, since(days.person), until) : none,
      days.place && ticket.locationId ? this.deps.store.byPlace(ticket.locationId, since(days.place), until) : none,
    ]);
    // The phone index holds keys only: the categories of requests found only by phone are read with one bounded BatchGet.
    const known = new Set([...byResident.map((p) => p.id), ticket.id]);
    const unknown = byPhone.filter((p) => !known.has(p.id)).map((p) => p.id);
    const categories = unknown.length > 0 && needsCategory(set) ? await this.deps.store.categoriesOf(unknown) : new Map<string, string>();
    const phoneOnly = byPhone.filter((p) => !known.has(p.id)).map((p) => ({ ...p, ...(categories.has(p.id) ? { categoryCode: categories.get(p.id)! } : {}) }));
    return { samePerson: [...byResident, ...phoneOnly], samePlace };
  }
}

/** The first 60 characters of a request's words, for warning and task lists. */
function summarise(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
