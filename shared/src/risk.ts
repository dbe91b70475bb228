import * as z from 'zod';
import { fromEpochMs, toEpochMs, type Instant } from './time.ts';

/**
 * Risk early warning (风险预警): rules over a request and its history —
 * alarming words (长期纠纷, 已报警, 打架, 自杀, 上访 …), repeated requests from
 * the same person or place within N days, repeated reopenings. When a rule
 * fires, the request gets a warning listing the indicators, and the warning is
 * a task for the grid worker of its grid with its own response clock.
 *
 * The rules are data ({@link RiskRuleSetSchema}), stored in the table and
 * edited by admins. Evaluation is pure: the backend loads the history
 * (functions/src/app/risk.ts) and passes it in with `now`.
 */

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '关注', medium: '预警', high: '高危' };

export const RISK_RULE_KINDS = ['keywords', 'repeat_person', 'repeat_place', 'reopened'] as const;
export type RiskRuleKind = (typeof RISK_RULE_KINDS)[number];
export const RISK_RULE_KIND_LABELS: Record<RiskRuleKind, string> = {
  keywords: '关键词',
  repeat_person: '同一人重复反映',
  repeat_place: '同一地点重复反映',
  reopened: '多次重新办理',
};

const phrase = z.string().trim().min(1, '关键词不能为空').max(20, '关键词不能超过20字');
const ruleBase = {
  id: z.string().regex(/^[a-z0-9-]{2,40}$/, '规则编号为2–40位小写字母、数字或连字符'),
  name: z.string().trim().min(2, '规则名称至少2个字').max(30, '规则名称不能超过30字'),
  enabled: z.boolean().default(true),
  level: z.enum(RISK_LEVELS),
  /** This rule's response clock for the grid worker, when stricter than the rule set's. */
  responseMinutes: z.number().int().min(10, '响应时限至少10分钟').max(10_080, '响应时限不能超过7天').optional(),
};
const windowDays = z.number().int().min(1, '统计天数至少1天').max(90, '统计天数不能超过90天');
const minCount = z.number().int().min(2, '次数至少为2').max(50, '次数不能超过50');

/** A rule: one of four kinds, each with its own parameters. */
export const RiskRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    ...ruleBase,
    kind: z.literal('keywords'),
    /** Fires when the text contains any of these. */
    keywords: z.array(phrase).min(1, '至少填写一个关键词').max(50),
    /** Phrases removed before matching, so that "没有报警" does not match "报警". */
    unless: z.array(phrase).max(50).default([]),
    /** Only requests of these categories (all when empty). */
    categories: z.array(z.string()).max(20).default([]),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('repeat_person'),
    windowDays,
    /** Requests by the same resident or phone number within the window, this one included. */
    minCount,
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('repeat_place'),
    windowDays,
    /** Requests at the same QR location within the window, this one included. */
    minCount,
    /** Count only requests of the same category. */
    sameCategory: z.boolean().default(true),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('reopened'),
    /** Fires when a request has been reopened this many times or more. */
    minReopens: z.number().int().min(1, '次数至少为1').max(20, '次数不能超过20'),
  }),
]);
export type RiskRule = z.infer<typeof RiskRuleSchema>;
export type RiskRuleInput = z.input<typeof RiskRuleSchema>;

export const RiskRulesSchema = z
  .array(RiskRuleSchema)
  .max(100, '规则不能超过100条')
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: '规则编号不能重复' });

/** The rule set as stored: versioned, so that two admins editing at once cannot overwrite each other. */
export const RiskRuleSetSchema = z.object({
  /** 0 for the built-in defaults never saved; each save adds one. */
  version: z.number().int().min(0),
  /** The grid worker's response clock when no fired rule sets a stricter one. */
  responseMinutes: z.number().int().min(10, '响应时限至少10分钟').max(10_080, '响应时限不能超过7天'),
  rules: RiskRulesSchema,
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type RiskRuleSet = z.infer<typeof RiskRuleSetSchema>;

/** The rules a new installation starts with (seeded; admins edit them). */
export const DEFAULT_RISK_RULES: RiskRuleSet = /* @__PURE__ */ RiskRuleSetSchema.parse({
  version: 0,
  responseMinutes: 120,
  rules: [
    {
      id: 'self-harm',
      name: '极端言行',
      kind: 'keywords',
      level: 'high',
      responseMinutes: 30,
      keywords: ['自杀', '轻生', '跳楼', '不想活', '寻死', '同归于尽'],
      unless: ['防自杀', '预防自杀'],
    },
    {
      id: 'violence',
      name: '暴力冲突',
      kind: 'keywords',
      level: 'high',
      responseMinutes: 60,
      keywords: ['打架', '打人', '斗殴', '动手', '持刀', '砍人', '扬言', '报复'],
    },
    {
      id: 'petition',
      name: '上访苗头',
      kind: 'keywords',
      level: 'high',
      keywords: ['上访', '集体上访', '越级上访', '拉横幅', '聚集', '去北京'],
    },
    {
      id: 'police',
      name: '已报警',
      kind: 'keywords',
      level: 'medium',
      keywords: ['已报警', '报了警', '报警了', '打了110', '派出所出警', '警察来过'],
      unless: ['没有报警', '没报警', '未报警'],
    },
    {
      id: 'long-dispute',
      name: '矛盾纠纷',
      kind: 'keywords',
      level: 'medium',
      keywords: ['长期纠纷', '纠纷多年', '邻里矛盾', '邻里纠纷', '家庭纠纷', '矛盾激化', '积怨'],
    },
    { id: 'repeat-person', name: '同一人重复反映', kind: 'repeat_person', level: 'medium', windowDays: 7, minCount: 3 },
    { id: 'repeat-place', name: '同一地点重复反映', kind: 'repeat_place', level: 'low', windowDays: 7, minCount: 5, sameCategory: true },
    { id: 'reopened', name: '多次重新办理', kind: 'reopened', level: 'medium', minReopens: 2 },
  ],
});

/** What a rule looks at on the request itself. */
export interface RiskSubject {
  id: string;
  categoryCode: string;
  reopenCount: number;
  /** The texts to match: the description on creation, the resident's reason on a reopening. */
  texts: string[];
}

/** An earlier request found by the history indexes (never the subject itself). */
export interface PriorRequest {
  id: string;
  receivedAt: Instant;
  categoryCode?: string;
}

export interface RiskHistory {
  /** Earlier requests by the same resident or phone number. */
  samePerson: PriorRequest[];
  /** Earlier requests at the same QR location. */
  samePlace: PriorRequest[];
}

/** What made a request risky: evaluated on creation, and again on each reopening (with what is new then). */
export const RISK_TRIGGERS = ['created', 'reopened'] as const;
export type RiskTrigger = (typeof RISK_TRIGGERS)[number];

export const FiredRuleSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(RISK_RULE_KINDS),
  level: z.enum(RISK_LEVELS),
  /** Human-readable, e.g. "包含“已报警”", "7天内同一人第3次反映". */
  indicators: z.array(z.string()).min(1),
  /** Earlier requests behind a repeat indicator. */
  relatedTicketIds: z.array(z.string()).optional(),
});
export type FiredRule = z.infer<typeof FiredRuleSchema>;

export interface RiskAssessment {
  level: RiskLevel;
  fired: FiredRule[];
  /** When the grid worker must have responded: now + the strictest response clock of the fired rules. */
  dueAt: Instant;
}

const LEVEL_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** Full-width to half-width, no white space: "已 报警" and "已报警" are one phrase. */
function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** The keywords of a keyword rule found in `texts`, after removing its `unless` phrases. */
export function matchKeywords(rule: Extract<RiskRule, { kind: 'keywords' }>, texts: readonly string[]): string[] {
  const unless = rule.unless.map(normalise).sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  for (const raw of texts) {
    let text = normalise(raw);
    for (const u of unless) text = text.split(u).join('\u0000');
    for (const k of rule.keywords) if (text.includes(normalise(k))) found.add(k);
  }
  return [...found];
}

function recent(prior: readonly PriorRequest[], now: Instant, days: number, subjectId: string): PriorRequest[] {
  const since = toEpochMs(now) - days * 86_400_000;
  return prior.filter((p) => p.id !== subjectId && toEpochMs(p.receivedAt) >= since && toEpochMs(p.receivedAt) <= toEpochMs(now));
}

/**
 * Evaluates the enabled rules for one trigger. On creation: keywords in the
 * description, repeats by person and place. On a reopening: keywords in the
 * reason given, and the reopen count — what is new then, so a reopening does
 * not repeat the creation's warning. Returns undefined when nothing fires.
 */
export function evaluateRisk(subject: RiskSubject, history: RiskHistory, ruleSet: RiskRuleSet, trigger: RiskTrigger, now: Instant): RiskAssessment | undefined {
  const fired: FiredRule[] = [];
  const fire = (rule: RiskRule, indicators: string[], relatedTicketIds?: string[]) =>
    fired.push({ ruleId: rule.id, ruleName: rule.name, kind: rule.kind, level: rule.level, indicators, ...(relatedTicketIds?.length ? { relatedTicketIds } : {}) });

  for (const rule of ruleSet.rules) {
    if (!rule.enabled) continue;
    switch (rule.kind) {
      case 'keywords': {
        if (rule.categories.length > 0 && !rule.categories.includes(subject.categoryCode)) break;
        const found = matchKeywords(rule, subject.texts);
        if (found.length) fire(rule, found.map((k) => `包含“${k}”`));
        break;
      }
      case 'repeat_person': {
        if (trigger !== 'created') break;
        const earlier = recent(history.samePerson, now, rule.windowDays, subject.id);
        const ids = [...new Set(earlier.map((p) => p.id))];
        if (ids.length + 1 >= rule.minCount) fire(rule, [`${rule.windowDays}天内同一人第${ids.length + 1}次反映`], ids);
        break;
      }
      case 'repeat_place': {
        if (trigger !== 'created') break;
        const earlier = recent(history.samePlace, now, rule.windowDays, subject.id).filter((p) => !rule.sameCategory || p.categoryCode === subject.categoryCode);
        const ids = [...new Set(earlier.map((p) => p.id))];
        if (ids.length + 1 >= rule.minCount) fire(rule, [`${rule.windowDays}天内同一地点${rule.sameCategory ? '同类诉求' : '诉求'}第${ids.length + 1}件`], ids);
        break;
      }
      case 'reopened': {
        if (trigger !== 'reopened') break;
        if (subject.reopenCount >= rule.minReopens) fire(rule, [`第${subject.reopenCount}次申请重新办理`]);
        break;
      }
    }
  }
  if (fired.length === 0) return undefined;
  const level = fired.reduce<RiskLevel>((max, f) => (LEVEL_RANK[f.level] > LEVEL_RANK[max] ? f.level : max), 'low');
  const minutes = Math.min(ruleSet.responseMinutes, ...ruleSet.rules.filter((r) => fired.some((f) => f.ruleId === r.id)).map((r) => r.responseMinutes ?? ruleSet.responseMinutes));
  return { level, fired, dueAt: fromEpochMs(toEpochMs(now) + minutes * 60_000) };
}

/** The longest window any enabled repeat rule looks back over (0 when none): how much history to load. */
export function historyDays(ruleSet: RiskRuleSet): { person: number; place: number } {
  let person = 0;
  let place = 0;
  for (const r of ruleSet.rules) {
    if (!r.enabled) continue;
    if (r.kind === 'repeat_person') person = Math.max(person, r.windowDays);
    if (r.kind === 'repeat_place') place = Math.max(place, r.windowDays);
  }
  return { person, place };
}

export const RISK_TASK_STATUSES = ['open', 'done'] as const;
export type RiskTaskStatus = (typeof RISK_TASK_STATUSES)[number];

/**
 * A warning and the task it makes: the grid worker of the request's grid
 * (or the receiving office when the request has no grid) must respond by
 * `dueAt`, then mark it done with a note. One per request and trigger.
 */
export const RiskWarningSchema = z.object({
  /** `<ticketId>-c` for the creation, `<ticketId>-r<n>` for the n-th reopening. */
  id: z.string(),
  version: z.number().int().min(1),
  ticketId: z.string(),
  trigger: z.enum(RISK_TRIGGERS),
  level: z.enum(RISK_LEVELS),
  fired: z.array(FiredRuleSchema).min(1),
  createdAt: z.string(),
  /** The office that received the request (lists for supervisors). */
  officeUnitId: z.string(),
  /** Whose task it is: the grid, or the office when the request has no grid. */
  assignedUnitId: z.string(),
  dueAt: z.string(),
  status: z.enum(RISK_TASK_STATUSES),
  doneAt: z.string().optional(),
  doneBy: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  note: z.string().optional(),
  /** Copied from the request so a task list needs no second read. */
  categoryCode: z.string(),
  locationName: z.string(),
  summary: z.string(),
});
export type RiskWarning = z.infer<typeof RiskWarningSchema>;

/** The warning id of a request's creation or n-th reopening: the key that makes evaluation idempotent. */
export function riskWarningId(ticketId: string, trigger: RiskTrigger, reopenCount: number): string {
  return trigger === 'created' ? `${ticketId}-c` : `${ticketId}-r${reopenCount}`;
}
