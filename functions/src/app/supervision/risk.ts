import {
  AppError,
  defaultRiskRules,
  fromEpochMs,
  maskPhonesInText,
  RISK_LEVEL_LABELS,
  type Actor,
  type Category,
  type PutRiskRulesInput,
  type RiskRuleSet,
  type RiskTaskStatus,
  type RiskTrigger,
  type RiskWarning,
  type RiskWarningView,
  type Role,
  type Ticket,
  type Unit,
} from '@mashang/shared';
import { PutRiskRulesInputSchema } from '@mashang/shared/contracts/signals-inputs';
import type { SupervisionStore } from '../../store/supervision.ts';
import type { SideWrite, TicketReads } from '../../ports/tickets.ts';
import type { TicketScope } from '../../store/ticket-scopes.ts';
import { queuedRiskCheck } from './risk-check-queue.ts';
import { RiskEvaluator } from './risk-evaluation.ts';
import { withVisibleRelated } from './risk-visibility.ts';
import { officesFor, scopeUnit, staffUnitOf, SUPERVISION_READERS, ticketInSubtree, unitInSubtree } from './scope.ts';

/**
 * What filing and reopening call when a request is created or reopened. A reopening's
 * warning (if a rule fires) is a side-write of the ticket's own write, so the change and its
 * warning are stored together or not at all. A creation's is a risk check queued in the
 * create's own transaction (a `risk_check` side-write): the dispatcher evaluates it after the
 * write (functions/src/app/supervision/risk-checks.ts), so filing reads no history on the request path.
 */
export interface RiskHook {
  writesFor(trigger: RiskTrigger, ticket: Ticket, texts: string[]): Promise<SideWrite[]>;
}

export interface RiskDeps {
  store: SupervisionStore;
  tickets: Pick<TicketReads, 'get'>;
  /** Units and categories (MashangService.ref(), cached in the warm Lambda). */
  reference: () => Promise<{ units: Map<string, Unit>; categories: Map<string, Category> }>;
  now: () => number;
  /** How long a warm Lambda keeps the rule set (default 60 s; tests pass 0). */
  rulesTtlMs?: number;
  /** Where evaluation failures are reported (they never fail the resident's request). */
  log?: (entry: Record<string, unknown>) => void;
  /** Unit fields of tickets by id (one BatchGet); default: one GetItem per id. */
  scopes?: (ids: string[]) => Promise<Map<string, TicketScope>>;
}

const TASK_ROLES: ReadonlySet<Role> = new Set(['grid_worker', 'handler', 'supervisor']);
const ADMIN: ReadonlySet<Role> = new Set(['admin']);
const STATUS_LABELS: Record<RiskTaskStatus, string> = { open: '待核实', done: '已处置' };
const LIST_CAP = 500;
const DAY_MS = 86_400_000;

/**
 * Risk early warning: evaluation on reopening (./risk-evaluation.ts) and the risk check
 * queued on creation (evaluated by the dispatcher, ./risk-checks.ts), the rule set admins
 * edit, and the warning tasks grid workers respond to.
 */
export class RiskService implements RiskHook {
  private readonly evaluator: RiskEvaluator;
  constructor(private readonly deps: RiskDeps) {
    this.evaluator = new RiskEvaluator({ store: deps.store, now: deps.now, rulesTtlMs: deps.rulesTtlMs });
  }

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  /** The rule set in force: the stored one, or the defaults when admins never saved one. */
  ruleSet(): Promise<RiskRuleSet> {
    return this.evaluator.ruleSet();
  }

  // ---- evaluation (the hook) ------------------------------------------------

  /**
   * The writes to store with a created or reopened request. A creation queues its risk check
   * (evaluated after the write by the dispatcher, as of the request's receipt: reads no
   * history here). A reopening's warning rows, none when no rule fires. Never throws: a
   * failure to evaluate a reopening is logged and the change is stored without a warning —
   * nothing a resident submits is lost for it.
   */
  async writesFor(trigger: RiskTrigger, ticket: Ticket, texts: string[]): Promise<SideWrite[]> {
    if (trigger === 'created') return [queuedRiskCheck(ticket)];
    try {
      return await this.evaluator.assess(trigger, ticket, texts, this.nowIso());
    } catch (err) {
      (this.deps.log ?? ((e) => console.error(JSON.stringify(e))))({
        level: 'error',
        message: 'risk evaluation failed; request stored without a warning',
        ticketId: ticket.id,
        trigger,
        error: err instanceof Error ? err.message : String(err),
      });
      return [];
    }
  }

  // ---- rules ----------------------------------------------------------------

  async rules(actor: Actor): Promise<RiskRuleSet> {
    staffUnitOf(actor, new Set([...SUPERVISION_READERS, 'admin']), '查看预警规则');
    this.evaluator.remember();
    return this.ruleSet();
  }

  /** Admins replace the rule set; `expectedVersion` is the version they read (409 when it changed since). */
  async saveRules(actor: Actor, raw: PutRiskRulesInput): Promise<RiskRuleSet> {
    staffUnitOf(actor, ADMIN, '修改预警规则');
    const input = PutRiskRulesInputSchema.parse(raw);
    const current = (await this.deps.store.rules()) ?? defaultRiskRules();
    if (current.version !== input.expectedVersion) throw new AppError('CONFLICT', '预警规则刚被其他管理员修改过，请刷新后重试');
    const next: RiskRuleSet = {
      version: input.expectedVersion + 1,
      responseMinutes: input.responseMinutes,
      rules: input.rules,
      updatedAt: this.nowIso(),
      updatedBy: actor.id,
    };
    await this.deps.store.saveRules(next, input.expectedVersion);
    this.evaluator.remember(next);
    return next;
  }

  // ---- warnings and tasks -----------------------------------------------------

  /**
   * Supervisors' list for a unit's subtree: every open warning, and those done
   * in the last `days`; open ones first by due time.
   */
  async warnings(actor: Actor, query: { unitId?: string; status?: RiskTaskStatus; days: number }): Promise<RiskWarningView[]> {
    const viewerUnitId = staffUnitOf(actor, SUPERVISION_READERS, '查看风险预警');
    const ref = await this.deps.reference();
    const unit = scopeUnit(actor, query.unitId, ref.units);
    const since = fromEpochMs(this.deps.now() - query.days * DAY_MS);
    const statuses: RiskTaskStatus[] = query.status ? [query.status] : ['open', 'done'];
    const found = await this.ofOffices(officesFor(unit, ref.units), statuses, since);
    const mine = found.filter((w) => unitInSubtree(w.assignedUnitId, unit.id, ref.units) || unitInSubtree(w.officeUnitId, unit.id, ref.units));
    return this.visible(mine.map((w) => this.view(w, ref)), viewerUnitId, ref.units);
  }

  /** The caller's unit's tasks (a grid worker: their grid's), open ones by due time. */
  async tasks(actor: Actor, status: RiskTaskStatus): Promise<RiskWarningView[]> {
    const unitId = staffUnitOf(actor, TASK_ROLES, '查看预警任务');
    const ref = await this.deps.reference();
    const unit = ref.units.get(unitId);
    if (!unit) throw new AppError('FORBIDDEN', '账号所属单位不存在，请联系管理员');
    const found = await this.ofOffices(officesFor(unit, ref.units), [status], status === 'done' ? fromEpochMs(this.deps.now() - 30 * DAY_MS) : undefined);
    return this.visible(found.filter((w) => unitInSubtree(w.assignedUnitId, unitId, ref.units)).map((w) => this.view(w, ref)), unitId, ref.units);
  }

  /** The warnings of one request, for its detail page. */
  async ticketWarnings(actor: Actor, ticketId: string): Promise<RiskWarningView[]> {
    const unitId = staffUnitOf(actor, SUPERVISION_READERS, '查看风险预警');
    const ref = await this.deps.reference();
    const ticket = await this.deps.tickets.get(ticketId);
    if (!ticket || !ticketInSubtree(ticket, unitId, ref.units)) throw new AppError('TICKET_NOT_FOUND', '未找到该诉求');
    return this.visible((await this.deps.store.warningsOfTicket(ticketId)).map((w) => this.view(w, ref)), unitId, ref.units);
  }

  /** The assigned unit (or a unit above it) records what it found and did; once. */
  async completeTask(actor: Actor, id: string, input: { note: string; expectedVersion?: number }): Promise<RiskWarningView> {
    const unitId = staffUnitOf(actor, TASK_ROLES, '处置预警任务');
    const ref = await this.deps.reference();
    const warning = await this.deps.store.warning(id);
    if (!warning || !unitInSubtree(warning.assignedUnitId, unitId, ref.units)) throw new AppError('NOT_FOUND', '未找到该预警任务');
    if (warning.status === 'done') throw new AppError('WRONG_STATE', '该预警任务已处置');
    if (input.expectedVersion !== undefined && input.expectedVersion !== warning.version) throw new AppError('CONFLICT', '该预警任务刚被其他人处理过，请刷新后重试');
    const done = await this.deps.store.completeTask(warning, { doneAt: this.nowIso(), doneBy: { id: actor.id, ...(actor.name ? { name: actor.name } : {}) }, note: input.note });
    return (await this.visible([this.view(done, ref)], unitId, ref.units))[0]!;
  }

  private async ofOffices(offices: string[], statuses: RiskTaskStatus[], since: string | undefined): Promise<RiskWarning[]> {
    const pages = await Promise.all(offices.flatMap((o) => statuses.map((s) => this.deps.store.warningsOfOffice(o, s, s === 'done' ? since : undefined, LIST_CAP))));
    const all = pages.flat();
    const open = all.filter((w) => w.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const done = all.filter((w) => w.status === 'done').sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
    return [...open, ...done];
  }

  /** Related request ids only where the viewer can open them (functions/src/app/supervision/risk-visibility.ts). */
  private visible(items: RiskWarningView[], viewerUnitId: string, units: Map<string, Unit>): Promise<RiskWarningView[]> {
    const scopes =
      this.deps.scopes ??
      (async (ids: string[]) => new Map((await Promise.all(ids.map((id) => this.deps.tickets.get(id)))).filter((t): t is Ticket => t !== undefined).map((t) => [t.id, t])));
    return withVisibleRelated(items, viewerUnitId, units, scopes);
  }

  private view(w: RiskWarning, ref: { units: Map<string, Unit>; categories: Map<string, Category> }): RiskWarningView {
    const now = this.nowIso();
    return {
      ...w,
      summary: maskPhonesInText(w.summary),
      levelLabel: RISK_LEVEL_LABELS[w.level],
      statusLabel: STATUS_LABELS[w.status],
      categoryName: ref.categories.get(w.categoryCode)?.name ?? w.categoryCode,
      assignedUnitName: ref.units.get(w.assignedUnitId)?.name ?? w.assignedUnitId,
      officeUnitName: ref.units.get(w.officeUnitId)?.name ?? w.officeUnitId,
      overdue: w.status === 'open' ? now > w.dueAt : (w.doneAt ?? '') > w.dueAt,
    };
  }
}
