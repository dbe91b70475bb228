import * as z from 'zod/mini';
import { familyOf } from './category-families.ts';
import { fromEpochMs, toEpochMs, type Instant } from './time.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Risk early warning (风险预警): rules over a request and its history —
 * alarming words (长期纠纷, 已报警, 打架, 自杀, 上访 …), repeated requests from
 * the same person or place within N days, repeated reopenings. When a rule
 * fires, the request gets a warning listing the indicators, and the warning is
 * a task for the grid worker of its grid with its own response clock.
 *
 * The rules are data ({@link RiskRuleSetSchema}), stored in the table and
 * edited by admins. Evaluation is pure: the backend loads the history
 * (functions/src/app/supervision/risk.ts) and passes it in with `now`.
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

const phrase = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1, '关键词不能为空'), z.maxLength(20, '关键词不能超过20字')));
/** A regular expression an admin may write (validated: it must compile). */
const pattern = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1, '表达式不能为空'), z.maxLength(160, '表达式不能超过160字'), z.refine((p) => {
      try {
        new RegExp(p, 'u');
        return true;
      } catch {
        return false;
      }
    }, { message: '表达式写法有误' })));
// Spread into each kind's object below: a lazy object too, so its schemas are built with the first rule schema.
const ruleBase = /* @__PURE__ */ lazySchema(() => ({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '规则编号为2–40位小写字母、数字或连字符')),
  name: z.string().check(z.trim(), z.minLength(2, '规则名称至少2个字'), z.maxLength(30, '规则名称不能超过30字')),
  enabled: z._default(z.boolean(), true),
  level: z.enum(RISK_LEVELS),
  /** This rule's response clock for the grid worker, when stricter than the rule set's. */
  responseMinutes: z.optional(z.number().check(z.int(), z.gte(10, '响应时限至少10分钟'), z.lte(10_080, '响应时限不能超过7天'))),
  /** What the indicator means and what to do, shown to the grid worker with the warning. */
  explanation: z.optional(z.string().check(z.trim(), z.maxLength(120, '说明不能超过120字'))),
}));
const windowDays = /* @__PURE__ */ lazySchema(() => z.number().check(z.int(), z.gte(1, '统计天数至少1天'), z.lte(90, '统计天数不能超过90天')));
const minCount = /* @__PURE__ */ lazySchema(() => z.number().check(z.int(), z.gte(2, '次数至少为2'), z.lte(50, '次数不能超过50')));

/** A rule: one of four kinds, each with its own parameters. */
export const RiskRuleSchema = /* @__PURE__ */ lazySchema(() => z.discriminatedUnion('kind', [
  z.object({
    ...ruleBase,
    kind: z.literal('keywords'),
    /** Fires when the text contains any of these. */
    keywords: z._default(z.array(phrase).check(z.maxLength(80)), []),
    /**
     * Fires when the text contains a phrase of every group: who (邻居, 楼上,
     * 对门 …) and what happens (吵起来, 骂, 动手 …) — plain words no single
     * phrase catches ("楼上那家…跟我吵起来了").
     */
    allOf: z._default(z.array(z.array(phrase).check(z.minLength(1, '每组至少一个词'), z.maxLength(80))).check(z.maxLength(4)), []),
    /** Regular expressions for counts and shapes (报了三次警, 十几名工人). */
    patterns: z._default(z.array(pattern).check(z.maxLength(20)), []),
    /** Phrases removed before matching, so that "没有报警" does not match "报警". */
    unless: z._default(z.array(phrase).check(z.maxLength(50)), []),
    /** Only requests of these categories (all when empty). */
    categories: z._default(z.array(z.string()).check(z.maxLength(20)), []),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('repeat_person'),
    windowDays,
    /** Requests by the same resident or phone number within the window, this one included. */
    minCount,
    /** Count only requests of the same category family (shared/src/hotspots.ts): three different problems are not a repeat. */
    sameFamily: z._default(z.boolean(), true),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('repeat_place'),
    windowDays,
    /** Requests at the same QR location within the window, this one included. */
    minCount,
    /** Count only requests of the same category (stricter than the family). */
    sameCategory: z._default(z.boolean(), false),
    /** Count only requests of the same category family. */
    sameFamily: z._default(z.boolean(), true),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('reopened'),
    /** Fires when a request has been reopened this many times or more. */
    minReopens: z.number().check(z.int(), z.gte(1, '次数至少为1'), z.lte(20, '次数不能超过20')),
  }),
]));
export type RiskRule = z.infer<typeof RiskRuleSchema>;
export type RiskRuleInput = z.input<typeof RiskRuleSchema>;
export type KeywordRule = Extract<RiskRule, { kind: 'keywords' }>;

export const RiskRulesSchema = /* @__PURE__ */ lazySchema(() => z
  .array(RiskRuleSchema).check(z.maxLength(100, '规则不能超过100条'), z.superRefine((rules, ctx) => {
    rules.forEach((r, i) => {
      if (r.kind === 'keywords' && r.keywords.length + r.allOf.length + r.patterns.length === 0)
        ctx.addIssue({ code: 'custom', message: '至少填写一个关键词', path: [i, 'keywords'] });
    });
  }), z.refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: '规则编号不能重复' })));

/** The rule set as stored: versioned, so that two admins editing at once cannot overwrite each other. */
export const RiskRuleSetSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** 0 for the built-in defaults never saved; each save adds one. */
  version: z.number().check(z.int(), z.gte(0)),
  /** The grid worker's response clock when no fired rule sets a stricter one. */
  responseMinutes: z.number().check(z.int(), z.gte(10, '响应时限至少10分钟'), z.lte(10_080, '响应时限不能超过7天')),
  rules: RiskRulesSchema,
  updatedAt: z.optional(z.string()),
  updatedBy: z.optional(z.string()),
}));
export type RiskRuleSet = z.infer<typeof RiskRuleSetSchema>;

const words = /* @__NO_SIDE_EFFECTS__ */ (s: string): string[] => s.split(' ');

/** "Not called the police": removed before matching rules that count 报警 as a sign of conflict. */
const NOT_CALLED = words('没有报警 没报警 未报警 还没报警 还没有报警');

/**
 * Words of conflict between people (not noise: 吵 alone is a loud shop, 吵起来 a quarrel).
 * Calling the police is not one in general: it is its own indicator, and people
 * call the police about a missing child too (女儿 is then no party to a quarrel);
 * only the neighbour rule counts it.
 */
const QUARREL = words('吵架 吵起来 吵了 吵翻 吵闹 争吵 口角 理论 骂 打起来 动手 矛盾 纠纷 闹翻 闹得 闹矛盾 来闹 冲突 威胁 积怨 砸门 踹门 扬言 拿刀 菜刀 棍子 说不清 逼得 不让 打破 要账');

/**
 * Mentions of a party who only reports or mediates ("邻居反映…", "物业社区都调解过"):
 * removed before the "who" group of a dispute rule is matched.
 */
const BYSTANDER = words('邻居反映 邻居称 听邻居说 邻居听到 邻居们反映 邻居报警 在楼下 物业社区 物业和社区 社区和物业 社区物业 请物业 物业调解 物业协调');

/**
 * The rules a new installation starts with (seeded; admins edit them). The
 * indicators are those the seeds name for 平安甘肃's early warning (长期纠纷,
 * 已报警, 邻里矛盾 …, 劳资欠薪, 个人极端事件): each catches the plain words
 * residents use, not only the official phrase, and tells the grid worker what
 * it means. Measured by `npm run bench:signals` (bench/signals/). Built in a pure
 * function (like every top-level value here) so that a bundle that never reads them
 * drops them and their parse (bench/cold.ts); parsed on the first call, not at load, and the
 * same object on every call.
 */
export const defaultRiskRules = (): RiskRuleSet => (defaultRules ??= RiskRuleSetSchema.parse({
  version: 0,
  responseMinutes: 120,
  rules: [
    {
      id: 'self-harm',
      name: '极端情绪/自伤',
      kind: 'keywords',
      level: 'high',
      responseMinutes: 30,
      explanation: '当事人流露轻生、自伤或情绪失控的念头。请30分钟内电话或上门联系，稳定情绪，通知家属，必要时请心理辅导员和派出所协助。',
      keywords: words(
        '自杀 轻生 跳楼 跳河 跳下去 不想活 不活了 活不下去 一死了之 寻死 同归于尽 喝药 喝农药 割腕 想不开 撑不下去 控制不住 快疯了 崩溃 早点去找 爬上塔吊 爬上楼顶',
      ),
      patterns: ['活着.{0,4}(没意思|没什么意思|没劲|图什么|干什么)', '(干|做)出什么(事|傻事)'],
      unless: words('防自杀 预防自杀 自杀干预'),
    },
    {
      id: 'violence',
      name: '扬言伤人/暴力冲突',
      kind: 'keywords',
      level: 'high',
      responseMinutes: 60,
      explanation: '已发生肢体冲突，或有人扬言伤人、报复。请1小时内核实双方情况，隔离矛盾，必要时联系派出所。',
      keywords: words('打架 打人 斗殴 互殴 殴打 厮打 扭打 群架 动手 持刀 拿刀 菜刀 砍人 砍我 报复 弄死 打死 砍死 杀了 让我好看 让你好看 打起来 推了我 踹门 棍子 放火 烧了'),
      patterns: [
        '打(她|他|我|伤|破|肿|孩子)',
        // Beaten, however much comes between (被几个高年级的学生堵在厕所里打), within one clause.
        '被[^，。！？,.!?；;]{0,16}(打|推倒|推下)',
        // A threat is violence when it is a threat of harm (扬言要撤场 is not).
        '扬言[^，。！？,.!?；;]{0,8}(打|砍|杀|弄死|报复|烧|炸|捅|伤|泼)',
      ],
      unless: words('打他电话 打我电话 打电话 打扫 打车 打卡 打工 打招呼 打听 打针 打扰 打折 打印 打包'),
    },
    {
      id: 'group',
      name: '群体性苗头',
      kind: 'keywords',
      level: 'high',
      responseMinutes: 60,
      explanation: '多人聚集、联名或相约集体行动。请1小时内了解人数和诉求，报告街道综治中心，先行疏导，防止事态扩大。',
      keywords: words('聚集 联名 集体上访 集体 拉横幅 横幅 堵路 堵门 罢市 罢工 签名 围堵 一起去 一起来 群架 一伙人'),
      patterns: [
        '(几十|数十|上百|一百多|[0-9]{2,}|[二三四五六七八九]十多?|十几|十余|四五十|好几十)(名|个|户|多)?(人|户|名|工人|业主|商户|员工|居民|农民工|工友)',
        '几名(工人|农民工|员工|业主)',
        '把.{0,3}门堵',
      ],
      unless: words('聚集了很多共享单车'),
    },
    {
      id: 'police',
      name: '已报警/多次报警',
      kind: 'keywords',
      level: 'medium',
      explanation: '当事人已报警或警方已出警，矛盾可能已激化。请向派出所了解处警情况，跟进调解，防止“民转刑”。',
      keywords: words('已报警 报了警 报警了 报过警 打了110 打110 派出所出警 已出警 出警 警察来过 民警来过 派出所来过 报警处理 110转来'),
      patterns: ['报了.{0,4}次警', '打了.{0,4}次110'],
      unless: [...NOT_CALLED, ...words('报警器 报警按钮')],
    },
    {
      id: 'petition',
      name: '重复信访/上访苗头',
      kind: 'keywords',
      level: 'medium',
      explanation: '同一问题多次反映未解决，或表示要上访、越级反映。请核对以往办理情况，当面沟通，给出明确答复。',
      keywords: words('上访 信访 越级 去北京 去省里 去市里 去市政府 去政府 讨说法 多次反映 反映多次 投诉多次 年年反映 找了几次 都没说法 至今没有答复'),
      patterns: [
        '第[二三四五六七八九十0-9]+次(来)?(反映|投诉|来访|到|来)',
        '(反映|投诉|来|找)了?(好几|多少|好多|无数|不下|[三四五六七八九十]|[0-9]+)(次|回|遍)',
        // Calling the hotline again and again; "打了好几次" alone is being hit, and calling 110 is the police indicator.
        '打了?(好几|多少|好多|无数|不下|[三四五六七八九十]|[0-9]+)(次|回|遍)(电话|12345|热线|市长热线|服务热线)',
        '不下.{0,2}封信',
      ],
    },
    {
      id: 'wage-arrears',
      name: '劳资欠薪',
      kind: 'keywords',
      level: 'medium',
      explanation: '拖欠工资、工钱。请联系劳动保障部门，核实用工单位和欠薪人数；临近年关或多人欠薪时尤须防止聚集讨薪。',
      keywords: words('欠薪 讨薪 拖欠工资 血汗钱 包工头跑 讨要工钱'),
      patterns: [
        '(欠|拖欠|不给|没给|没发|不发|没结|要不到|讨要|没拿到|拿不到).{0,8}(工资|工钱|薪水)',
        '(工资|工钱).{0,6}(没发|不给|没给|没结|拖着|拖欠|不结)',
        '老板.{0,8}(没钱|跑了|不给钱|联系不上|电话打不通)',
        '包工头.{0,4}(跑|不给|拖)',
      ],
      unless: words('工资条 工资卡'),
    },
    {
      id: 'dispute-neighbour',
      name: '邻里纠纷',
      kind: 'keywords',
      level: 'medium',
      explanation: '邻里之间已有争吵、辱骂或对立。请尽快上门了解双方诉求，组织人民调解，防止矛盾升级。',
      keywords: words('邻里矛盾 邻里纠纷 邻居纠纷'),
      // Calling the police on the people next door is a sign of this conflict (not of a family's: a missing daughter).
      allOf: [words('邻居 邻里 隔壁 对门 楼上 楼下 两户 楼上楼下'), [...QUARREL, ...words('报警 报了')]],
      unless: [...NOT_CALLED, ...BYSTANDER],
    },
    {
      id: 'dispute-family',
      name: '家庭婚恋纠纷',
      kind: 'keywords',
      level: 'medium',
      explanation: '家庭、婚恋关系中的冲突（家暴、离婚、赡养、彩礼、分手纠缠）。请尽快入户了解，联系妇联和调解员，有暴力情形时联系派出所。',
      keywords: words('家暴 家庭暴力 家庭纠纷 闹离婚 赡养 彩礼 分居 分手后'),
      allOf: [
        words('老公 丈夫 老婆 妻子 媳妇 儿子 儿媳 女儿 女婿 父母 我妈 我爸 继父 继母 兄弟 姐妹 兄妹 前男友 前女友 男朋友 女朋友 前夫 前妻 夫妻 家人 家里人 婆婆 公公'),
        [...QUARREL, ...words('打 赶出来 藏起来 赌博 关系紧张 谈崩')],
      ],
      unless: [...NOT_CALLED, ...words('两家人')],
    },
    {
      id: 'dispute-land',
      name: '土地纠纷',
      kind: 'keywords',
      level: 'medium',
      explanation: '土地、宅基地、征地拆迁或补偿的争议。请核实权属和补偿政策，联系司法所和相关部门调处。',
      keywords: words('宅基地 承包地 征地 地界 耕地 草场 补偿款 拆迁安置 安置房 拆迁 划给了别人 菜地 确权 林地 土地纠纷'),
    },
    {
      id: 'dispute-property',
      name: '物业纠纷',
      kind: 'keywords',
      level: 'medium',
      explanation: '业主与物业之间已有冲突（停水停电、堵门、争吵、扬言撤场）。请约谈物业和业主代表，必要时请住建部门介入。',
      allOf: [words('物业 物业公司 保安 物业经理 业委会 业主委员会'), [...QUARREL, ...words('推了 水停了 停水停电 停电停水 堵在 讨个说法 撤场 激化')]],
      unless: [...NOT_CALLED, ...BYSTANDER],
    },
    {
      id: 'long-dispute',
      name: '长期纠纷',
      kind: 'keywords',
      level: 'medium',
      explanation: '纠纷持续多年、积怨较深，调解难度大。请调阅以往调解记录，由调解员和社区干部共同跟进。',
      keywords: words('长期纠纷 纠纷多年 积怨'),
      allOf: [words('长期 多年 好几年 几年了 年年 积怨'), words('纠纷 矛盾 吵架 争吵 积怨 闹')],
    },
    {
      id: 'special-person',
      name: '精神障碍/特殊人群',
      kind: 'keywords',
      level: 'medium',
      explanation: '涉及精神障碍患者、吸毒、刑满释放、社区矫正、走失老人等特殊人群。请联系监护人和社区民警，落实关爱帮扶和稳控措施。',
      keywords: words('精神障碍 精神病 精神疾病 精神分裂 精神不正常 精神不太正常 精神状况异常 精神有问题 精神异常 停药 犯病 吸毒 刑满释放 社区矫正 老年痴呆 阿尔茨海默 走丢 走失 肇事肇祸 抑郁症'),
    },
    {
      id: 'minor',
      name: '涉及未成年人',
      kind: 'keywords',
      level: 'medium',
      explanation: '未成年人可能受到伤害、欺凌、无人监护或被违法雇用。请当天核实孩子的安全，联系学校、家长和妇联、民政部门。',
      keywords: words('未成年 初中生 离家出走 辍学 不肯去上学 留守儿童 童工 独自在家 没人照看 霸凌'),
      allOf: [words('孩子 小孩 学生 女儿 儿子'), words('打 欺负 藏起来 不让我见 吓坏 吓得 出走 拍了视频 不敢在家 勒索 交钱 雇了 虐待')],
      unless: words('未成年人保护 保护未成年'),
    },
    {
      id: 'repeat-person',
      name: '同一人重复反映',
      kind: 'repeat_person',
      level: 'medium',
      windowDays: 7,
      minCount: 3,
      sameFamily: true,
      explanation: '同一人短期内多次反映同类问题，说明问题未解决或情绪在积累。请回看前几次办理情况，当面沟通。',
    },
    {
      id: 'repeat-place',
      name: '同一地点重复反映',
      kind: 'repeat_place',
      level: 'low',
      windowDays: 7,
      minCount: 5,
      sameFamily: true,
      explanation: '同一地点短期内多次反映同类问题，可能是共性问题。请现场查看，考虑合并办理或吹哨派单。',
    },
    { id: 'reopened', name: '多次重新办理', kind: 'reopened', level: 'medium', minReopens: 2, explanation: '群众多次不满意并申请重新办理。请核实前次办结情况，由负责人跟进。' },
  ],
}));
let defaultRules: RiskRuleSet | undefined;

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

export const FiredRuleSchema = /* @__PURE__ */ lazySchema(() => z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(RISK_RULE_KINDS),
  level: z.enum(RISK_LEVELS),
  /** Human-readable, e.g. "包含“已报警”", "7天内同一人第3次反映". */
  indicators: z.array(z.string()).check(z.minLength(1)),
  /** Earlier requests behind a repeat indicator. */
  relatedTicketIds: z.optional(z.array(z.string())),
  /** The rule's explanation for the grid worker (what it means, what to do). */
  explanation: z.optional(z.string()),
}));
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
export function matchKeywords(rule: KeywordRule, texts: readonly string[]): string[] {
  const unless = rule.unless.map(normalise).sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  for (const raw of texts) {
    let text = normalise(raw);
    for (const u of unless) text = text.split(u).join('\u0000');
    const here: string[] = [];
    for (const k of rule.keywords) if (text.includes(normalise(k))) here.push(k);
    for (const p of rule.patterns) {
      const m = new RegExp(p, 'u').exec(text);
      if (m) here.push(m[0]);
    }
    // The combination only when no single phrase said it already ("邻里矛盾" needs no "邻里"+"矛盾").
    if (here.length === 0 && rule.allOf.length > 0) {
      const hits = rule.allOf.map((group) => group.find((k) => text.includes(normalise(k))));
      if (hits.every((h) => h !== undefined)) here.push(hits.join('+'));
    }
    for (const h of here) found.add(h);
  }
  // A phrase inside another one found says nothing more (集体 within 集体上访).
  const all = [...found];
  return all.filter((k) => !all.some((other) => other !== k && other.includes(k)));
}

/** Whether an earlier request counts towards a repeat rule: same family (or category) when the rule says so. */
function sameKind(prior: PriorRequest, subjectCategory: string, rule: { sameFamily?: boolean; sameCategory?: boolean }): boolean {
  if (rule.sameCategory && prior.categoryCode !== subjectCategory) return false;
  if (rule.sameFamily && (prior.categoryCode === undefined || familyOf(prior.categoryCode) !== familyOf(subjectCategory))) return false;
  return true;
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
    fired.push({
      ruleId: rule.id,
      ruleName: rule.name,
      kind: rule.kind,
      level: rule.level,
      indicators,
      ...(rule.explanation ? { explanation: rule.explanation } : {}),
      ...(relatedTicketIds?.length ? { relatedTicketIds } : {}),
    });

  for (const rule of ruleSet.rules) {
    if (!rule.enabled) continue;
    switch (rule.kind) {
      case 'keywords': {
        if (rule.categories.length > 0 && !rule.categories.includes(subject.categoryCode)) break;
        const found = matchKeywords(rule, subject.texts);
        if (found.length) fire(rule, found.map((k) => `包含${k.split('+').map((w) => `“${w}”`).join('和')}`));
        break;
      }
      case 'repeat_person': {
        if (trigger !== 'created') break;
        const earlier = recent(history.samePerson, now, rule.windowDays, subject.id).filter((p) => sameKind(p, subject.categoryCode, rule));
        const ids = [...new Set(earlier.map((p) => p.id))];
        if (ids.length + 1 >= rule.minCount) fire(rule, [`${rule.windowDays}天内同一人第${ids.length + 1}次反映${rule.sameFamily ? '同类问题' : ''}`], ids);
        break;
      }
      case 'repeat_place': {
        if (trigger !== 'created') break;
        const earlier = recent(history.samePlace, now, rule.windowDays, subject.id).filter((p) => sameKind(p, subject.categoryCode, rule));
        const ids = [...new Set(earlier.map((p) => p.id))];
        if (ids.length + 1 >= rule.minCount) fire(rule, [`${rule.windowDays}天内同一地点${rule.sameCategory || rule.sameFamily ? '同类诉求' : '诉求'}第${ids.length + 1}件`], ids);
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
export const RiskWarningSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** `<ticketId>-c` for the creation, `<ticketId>-r<n>` for the n-th reopening. */
  id: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
  ticketId: z.string(),
  trigger: z.enum(RISK_TRIGGERS),
  level: z.enum(RISK_LEVELS),
  fired: z.array(FiredRuleSchema).check(z.minLength(1)),
  createdAt: z.string(),
  /** The office that received the request (lists for supervisors). */
  officeUnitId: z.string(),
  /** Whose task it is: the grid, or the office when the request has no grid. */
  assignedUnitId: z.string(),
  dueAt: z.string(),
  status: z.enum(RISK_TASK_STATUSES),
  doneAt: z.optional(z.string()),
  doneBy: z.optional(z.object({ id: z.string(), name: z.optional(z.string()) })),
  note: z.optional(z.string()),
  /** Copied from the request so a task list needs no second read. */
  categoryCode: z.string(),
  locationName: z.string(),
  summary: z.string(),
}));
export type RiskWarning = z.infer<typeof RiskWarningSchema>;

/** The warning id of a request's creation or n-th reopening: the key that makes evaluation idempotent. */
export function riskWarningId(ticketId: string, trigger: RiskTrigger, reopenCount: number): string {
  return trigger === 'created' ? `${ticketId}-c` : `${ticketId}-r${reopenCount}`;
}
