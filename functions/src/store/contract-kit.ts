import { addMinutes, computeClocks, createCalendar, DEFAULT_POLICY, openTicket, type Actor, type Decision, type Instant, type RiskWarning, type Ticket } from '@mashang/shared';
import type { AuditChange, AuditLog } from '../ports/audit.ts';
import { StoreError } from '../ports/errors.ts';
import type { SideWrite } from '../ports/tickets.ts';

/**
 * What the store contract suites (functions/src/store/*-contract.ts) and the use-case tests on
 * the memory twins share: ids unique within a run (a DynamoDB table is shared by a whole suite)
 * and a request opened from a QR code as filing opens it.
 */
export function contractKit() {
  const calendar = createCalendar();
  let n = 0;
  const nextId = () => `${Date.now() % 1_000_000}${String(++n).padStart(4, '0')}${Math.floor(Math.random() * 1000)}`;

  /** A traffic request at 甘肃大剧院 (unless another place or category is given) opened by a resident (`res-<id>` unless given), not yet stored. */
  function opened(opts: { id?: string; residentId?: string; unitId?: string; receivedAt?: Instant; description?: string; locationId?: string; categoryCode?: string } = {}): Decision {
    const id = opts.id ?? nextId();
    const residentId = opts.residentId ?? `res-${id}`;
    const receivedAt = opts.receivedAt ?? '2026-11-18T02:00:00.000Z';
    const policy = { ...DEFAULT_POLICY };
    return openTicket(
      {
        id,
        channel: 'qr',
        categoryCode: opts.categoryCode ?? 'traffic',
        description: opts.description ?? '公交站台的灯不亮了',
        anonymous: false,
        residentId,
        urgent: false,
        locationId: opts.locationId ?? 'loc-dajuyuan',
        locationName: '甘肃大剧院',
        gridId: 'gll-dongjie-g1',
        coordinatorUnitId: opts.unitId ?? 'gaolanlu',
        receivedAt,
        policy,
        clocks: computeClocks(receivedAt, policy, calendar),
        photos: [],
      },
      { id: residentId, role: 'resident' },
    );
  }

  return { calendar, nextId, opened };
}

/** The risk warning side-write the risk evaluator gives for a request (one keyword rule fired), for its current unit unless `assignedUnitId` says otherwise. */
export function riskWarningWrite(
  t: Ticket,
  level: RiskWarning['level'],
  { rule = { name: '极端情绪/自伤', indicator: '包含“撑不下去”' }, text = '风险预警：请尽快处置', assignedUnitId = t.currentUnitId }: { rule?: { name: string; indicator: string }; text?: string; assignedUnitId?: string } = {},
): SideWrite {
  return {
    kind: 'risk_warning',
    text,
    n: 0,
    warning: {
      id: `${t.id}-c`,
      version: 1,
      ticketId: t.id,
      trigger: 'created',
      level,
      fired: [{ ruleId: 'r1', ruleName: rule.name, kind: 'keywords', level, indicators: [rule.indicator] }],
      createdAt: t.receivedAt,
      officeUnitId: t.coordinatorUnitId,
      assignedUnitId,
      dueAt: addMinutes(t.receivedAt, 30),
      status: 'open',
      categoryCode: t.categoryCode,
      locationName: t.locationName ?? '',
      summary: t.description,
    },
  };
}

/**
 * What the contract suites of the admin ports (admin-reference, org-changes) share: ids unique
 * within a run, the county admin and the instant of every change, the audit event of a change,
 * the events a county's month holds as the audit page reads them, and a refusal's reason.
 */
export function adminChangeKit(audit: () => AuditLog) {
  let n = 0;
  const unique = () => `${Date.now() % 1_000_000}${++n}${Math.floor(Math.random() * 1000)}`;
  const admin: Actor = { id: 'county-admin', role: 'admin', name: '何平', unitId: 'chengguan' };
  const at = '2026-11-18T02:00:00.000Z';
  const change = (countyId: string, action: string, target: string, extra: Partial<AuditChange> = {}): AuditChange => ({ countyId, actor: admin, at, action, target, ...extra });
  const events = async (countyId: string) =>
    (await audit().auditMonth(countyId, '2026-11', 200)).map((e) => ({ action: e.action, target: e.target, ...(e.before ? { before: JSON.parse(e.before) as unknown } : {}), ...(e.after ? { after: JSON.parse(e.after) as unknown } : {}) }));
  const refusal = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof StoreError ? e.reason : e));
  return { unique, admin, at, audit: change, events, refusal };
}
