import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_RULES,
  evaluateRisk,
  historyDays,
  matchKeywords,
  RiskRuleSetSchema,
  riskWarningId,
  type PriorRequest,
  type RiskHistory,
  type RiskRuleSet,
  type RiskSubject,
} from './risk.ts';

const NOW = '2026-11-18T02:00:00.000Z';
const NONE: RiskHistory = { samePerson: [], samePlace: [] };
const subject = (text: string, over: Partial<RiskSubject> = {}): RiskSubject => ({ id: 't-new', categoryCode: 'dispute', reopenCount: 0, texts: [text], ...over });
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();
const prior = (id: string, days: number, categoryCode = 'dispute'): PriorRequest => ({ id, receivedAt: daysAgo(days), categoryCode });
const firedIds = (text: string, rules: RiskRuleSet = DEFAULT_RISK_RULES) => evaluateRisk(subject(text), NONE, rules, 'created', NOW)?.fired.map((f) => f.ruleId).sort() ?? [];

describe('keyword rules on residents’ own words', () => {
  it.each([
    ['楼上邻居长期噪音扰民，多次协商无果，已报警', ['police']],
    ['和对门邻里矛盾好几年了，昨天两家人在楼道里打架', ['long-dispute', 'violence']],
    ['公司欠薪半年没人管，再不解决我们就集体上访', ['petition']],
    ['老伴走后母亲总说不想活了，希望社区多关心', ['self-harm']],
    ['楼下商户和我家长期纠纷，对方扬言要报复', ['long-dispute', 'violence']],
    ['小区3号楼电梯故障一周，物业一直不修，老人上下楼困难', []],
    ['隔壁装修噪音很大，还没有报警，希望社区先协调', []],
    ['社区组织预防自杀心理讲座，场地太小坐不下', []],
    ['已 报警，派出所说归社区管', ['police']],
    ['１１０来过了，我们已报警', ['police']],
  ])('%s → %j', (text, expected) => {
    expect(firedIds(text)).toEqual([...expected].sort());
  });

  it('lists the phrases that fired as indicators', () => {
    const r = evaluateRisk(subject('邻里矛盾多年，昨天又打架了，已报警'), NONE, DEFAULT_RISK_RULES, 'created', NOW)!;
    expect(r.fired.find((f) => f.ruleId === 'police')?.indicators).toEqual(['包含“已报警”']);
    expect(r.fired.find((f) => f.ruleId === 'violence')?.indicators).toEqual(['包含“打架”']);
    expect(r.fired.find((f) => f.ruleId === 'long-dispute')?.indicators).toEqual(['包含“邻里矛盾”']);
  });

  it('removes the rule’s “unless” phrases before matching', () => {
    const police = DEFAULT_RISK_RULES.rules.find((r) => r.id === 'police');
    if (police?.kind !== 'keywords') throw new Error('police rule missing');
    expect(matchKeywords(police, ['没有报警，但已报警过一次'])).toEqual(['已报警']);
    expect(matchKeywords(police, ['未报警'])).toEqual([]);
  });

  it('only fires a rule limited to categories on those categories', () => {
    const rules: RiskRuleSet = RiskRuleSetSchema.parse({
      version: 1,
      responseMinutes: 120,
      rules: [{ id: 'gas', name: '燃气泄漏', kind: 'keywords', level: 'high', keywords: ['燃气味'], categories: ['utilities', 'safety_hazard'] }],
    });
    expect(evaluateRisk(subject('楼道里一股燃气味', { categoryCode: 'utilities' }), NONE, rules, 'created', NOW)?.fired).toHaveLength(1);
    expect(evaluateRisk(subject('楼道里一股燃气味', { categoryCode: 'sanitation' }), NONE, rules, 'created', NOW)).toBeUndefined();
  });

  it('ignores disabled rules', () => {
    const rules = { ...DEFAULT_RISK_RULES, rules: DEFAULT_RISK_RULES.rules.map((r) => (r.id === 'police' ? { ...r, enabled: false } : r)) };
    expect(firedIds('已报警', rules)).toEqual([]);
  });
});

describe('level and response clock', () => {
  it('takes the highest level and the strictest response clock of what fired', () => {
    const r = evaluateRisk(subject('邻里纠纷闹到已报警，他说不想活了'), NONE, DEFAULT_RISK_RULES, 'created', NOW)!;
    expect(r.level).toBe('high');
    expect(r.dueAt).toBe('2026-11-18T02:30:00.000Z'); // 极端言行: 30 minutes
  });

  it('uses the rule set’s clock when no fired rule has its own', () => {
    const r = evaluateRisk(subject('已报警'), NONE, DEFAULT_RISK_RULES, 'created', NOW)!;
    expect(r.level).toBe('medium');
    expect(r.dueAt).toBe('2026-11-18T04:00:00.000Z'); // 2 hours
  });
});

describe('repeated requests', () => {
  it('fires on the third request by the same person within 7 days, not on the second', () => {
    const two = evaluateRisk(subject('又来反映噪音'), { samePerson: [prior('a', 1)], samePlace: [] }, DEFAULT_RISK_RULES, 'created', NOW);
    expect(two).toBeUndefined();
    const three = evaluateRisk(subject('又来反映噪音'), { samePerson: [prior('a', 1), prior('b', 6.9)], samePlace: [] }, DEFAULT_RISK_RULES, 'created', NOW)!;
    expect(three.fired).toEqual([
      { ruleId: 'repeat-person', ruleName: '同一人重复反映', kind: 'repeat_person', level: 'medium', indicators: ['7天内同一人第3次反映'], relatedTicketIds: ['a', 'b'] },
    ]);
  });

  it('does not count requests outside the window, the request itself, or one found twice (resident id and phone)', () => {
    const history: RiskHistory = { samePerson: [prior('a', 1), prior('a', 1), prior('old', 8), prior('t-new', 0)], samePlace: [] };
    expect(evaluateRisk(subject('又来反映噪音'), history, DEFAULT_RISK_RULES, 'created', NOW)).toBeUndefined();
  });

  it('counts same-place requests of the same category only when the rule says so', () => {
    const place = [prior('p1', 1, 'traffic'), prior('p2', 2, 'traffic'), prior('p3', 3, 'traffic'), prior('p4', 3, 'sanitation')];
    const sub = subject('149路又没来', { categoryCode: 'traffic' });
    expect(evaluateRisk(sub, { samePerson: [], samePlace: place }, DEFAULT_RISK_RULES, 'created', NOW)).toBeUndefined(); // 4 of 5 traffic
    const anyCategory = {
      ...DEFAULT_RISK_RULES,
      rules: DEFAULT_RISK_RULES.rules.map((r) => (r.kind === 'repeat_place' ? { ...r, sameCategory: false } : r)),
    };
    const r = evaluateRisk(sub, { samePerson: [], samePlace: place }, anyCategory, 'created', NOW)!;
    expect(r.fired[0]).toMatchObject({ ruleId: 'repeat-place', indicators: ['7天内同一地点诉求第5件'], level: 'low' });
  });

  it('loads as much history as the longest enabled repeat rule needs', () => {
    expect(historyDays(DEFAULT_RISK_RULES)).toEqual({ person: 7, place: 7 });
    const none = { ...DEFAULT_RISK_RULES, rules: DEFAULT_RISK_RULES.rules.filter((r) => r.kind === 'keywords') };
    expect(historyDays(none)).toEqual({ person: 0, place: 0 });
  });
});

describe('reopenings', () => {
  it('fires on the second reopening, not the first, and never on creation', () => {
    const first = evaluateRisk(subject('还是没修好', { reopenCount: 1 }), NONE, DEFAULT_RISK_RULES, 'reopened', NOW);
    expect(first).toBeUndefined();
    const second = evaluateRisk(subject('还是没修好', { reopenCount: 2 }), NONE, DEFAULT_RISK_RULES, 'reopened', NOW)!;
    expect(second.fired.map((f) => f.indicators)).toEqual([['第2次申请重新办理']]);
    expect(evaluateRisk(subject('还是没修好', { reopenCount: 2 }), NONE, DEFAULT_RISK_RULES, 'created', NOW)).toBeUndefined();
  });

  it('does not repeat the creation’s repeat indicators on a reopening, but reads the reason given', () => {
    const history: RiskHistory = { samePerson: [prior('a', 1), prior('b', 2)], samePlace: [] };
    expect(evaluateRisk(subject('还是没修好', { reopenCount: 1 }), history, DEFAULT_RISK_RULES, 'reopened', NOW)).toBeUndefined();
    const angry = evaluateRisk(subject('再不修我就去上访', { reopenCount: 1 }), history, DEFAULT_RISK_RULES, 'reopened', NOW)!;
    expect(angry.fired.map((f) => f.ruleId)).toEqual(['petition']);
  });
});

describe('the rule set as data', () => {
  it('accepts the defaults and rejects broken rules with Chinese messages', () => {
    expect(RiskRuleSetSchema.parse(DEFAULT_RISK_RULES)).toEqual(DEFAULT_RISK_RULES);
    const dup = RiskRuleSetSchema.safeParse({ ...DEFAULT_RISK_RULES, rules: [DEFAULT_RISK_RULES.rules[0], DEFAULT_RISK_RULES.rules[0]] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.message).toBe('规则编号不能重复');
    const empty = RiskRuleSetSchema.safeParse({ ...DEFAULT_RISK_RULES, rules: [{ id: 'x1', name: '空规则', kind: 'keywords', level: 'low', keywords: [] }] });
    expect(empty.error?.issues[0]?.message).toBe('至少填写一个关键词');
    const window = RiskRuleSetSchema.safeParse({ ...DEFAULT_RISK_RULES, rules: [{ id: 'x2', name: '重复', kind: 'repeat_person', level: 'low', windowDays: 0, minCount: 3 }] });
    expect(window.error?.issues[0]?.message).toBe('统计天数至少1天');
  });

  it('names one warning per request and trigger', () => {
    expect(riskWarningId('2611181234567', 'created', 0)).toBe('2611181234567-c');
    expect(riskWarningId('2611181234567', 'reopened', 2)).toBe('2611181234567-r2');
  });
});
