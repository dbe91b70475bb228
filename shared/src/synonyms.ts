import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

/**
 * The livelihood thesaurus (同义词表) hotspots compare requests with: groups of
 * surface forms residents, operators and grid workers use for one thing
 * (暖气片 / 暖气 / 供暖 / 集中供热 → 供暖; 不热 / 温度不达标 / 冰凉 → 室温低). A
 * group may name a broader concept its words also imply (室温低 → 供暖), so
 * "温度不达标" and "暖气不热" share both concepts while "暖气漏水" shares only
 * 供暖 with them.
 *
 * This is data: the bundled default below, plus rows in the table
 * (`CATALOG` / `SYN#id`, read with the other reference data) that admins add
 * or that replace a default group with the same id. Pure: no segmentation
 * here, the text is scanned for the known words directly (longest first), so
 * a group works whatever the segmenter makes of "温度不达标".
 */

const term = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1, '词语不能为空'), z.maxLength(12, '词语不能超过12字')));

export const SynonymGroupSchema = /* @__PURE__ */ lazySchema(() => z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '编号为2–40位小写字母、数字或连字符')),
  /** The concept shown as a hotspot keyword. */
  concept: z.string().check(z.trim(), z.minLength(1, '概念不能为空'), z.maxLength(10, '概念不能超过10字')),
  /**
   * Surface forms. Words of two or more characters are found anywhere in the
   * text; one-character words (车, 吵) only when the segmenter cuts them alone.
   */
  terms: z.array(term).check(z.minLength(1, '至少填写一个词语'), z.maxLength(80, '词语不能超过80个')),
  /** A broader concept these words also imply (室温低 → 供暖). */
  broader: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(10))),
  /**
   * An aspect (when, who, how: 夜间, 老人, 故障) rather than a topic (what: 供暖,
   * 电梯): it adds to similarity, but two requests must share a topic to be one hotspot.
   */
  aspect: z._default(z.boolean(), false),
  /** A stored row with `enabled: false` switches a default group off. */
  enabled: z._default(z.boolean(), true),
}));
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;
export type SynonymGroupInput = z.input<typeof SynonymGroupSchema>;

const g = /* @__NO_SIDE_EFFECTS__ */ (id: string, concept: string, terms: string, broader?: string): SynonymGroup => ({ id, concept, terms: terms.split(' '), enabled: true, aspect: false, ...(broader ? { broader } : {}) });
/** An aspect group (see {@link SynonymGroup.aspect}). */
const a = /* @__NO_SIDE_EFFECTS__ */ (id: string, concept: string, terms: string): SynonymGroup => ({ ...g(id, concept, terms), aspect: true });

/** The bundled default: livelihood topics of 12345 and 小兰帮办-style platforms. */
export const DEFAULT_SYNONYMS: readonly SynonymGroup[] = [
  // Heating (物业供暖 is one of the fields the seeds name).
  g('heating', '供暖', '供暖 暖气 暖气片 暖器 地暖 采暖 供热 集中供热 热力 热力公司 换热站 暖气管 暖气管道 烧锅炉 锅炉房 取暖'),
  g('heating-cold', '室温低', '不热 不够热 不太热 一点都不热 不暖和 不暖 冰凉 冰冷 发凉 是凉的 凉的 下面凉 冰窖 温度偏低 室温偏低 偏低 效果差 效果不好 烧得不行 烧得不好 低于18度 温乎 温吞 半温 温度不达标 室温不达标 温度低 室温低 温度太低 室温太低 达不到18度 不到18度 十几度 只有十度 冻得 冻死 太冷 很冷 好冷 冷得 冷冰冰 穿棉袄 穿羽绒服 盖两床被', '供暖'),
  g('heating-fee', '供暖费', '暖气费 供暖费 采暖费 取暖费 热费', '供暖'),
  // Buses (the 149路 case).
  g('bus', '公交', '公交 公交车 公车 巴士 班车 车 线路 公交线路'),
  g('bus-wait', '候车', '发车间隔 间隔 发车 班次 车次 来车 没来车 等车 等了 等半天 等了半天 等不到车 挤不上 挤不上去 上不去车 一趟 半小时一趟 车太少 车少', '公交'),
  a('bus-stop', '站台', '站台 车站 公交站'),
  g('bus-sign', '站牌', '站牌 线路信息 线路图'),
  g('bus-shelter', '候车亭', '候车亭 顶棚 雨棚'),
  g('bus-skip', '甩站', '甩站 不停站 不进站 过站不停 拒载', '公交'),
  a('morning', '早高峰', '早高峰 早上 早晨 清早 一早 上班 上学 早 高峰'),
  a('evening', '晚高峰', '晚高峰 下班 放学'),
  // Rubbish.
  g('rubbish', '垃圾', '垃圾 垃圾桶 垃圾箱 垃圾堆 垃圾站 果皮箱 建筑垃圾 生活垃圾 垃圾房'),
  g('rubbish-pickup', '清运', '清运 清理 收运 拉走 清扫 没人收 没人清 收垃圾 运走'),
  a('smell', '异味', '异味 气味 臭味 臭 熏人 发臭 恶臭 臭气熏天 味道大 招苍蝇 苍蝇'),
  a('overflow', '满溢', '满 满了 溢出 溢出来 堆满 堆成山 装不下 冒出来'),
  // Lifts and property.
  g('lift', '电梯', '电梯 升降梯 直梯 轿厢 梯'),
  g('lift-trapped', '被困', '被困 困 困人 困住 关在里面 卡在', '电梯'),
  g('lift-alarm', '电梯报警', '报警按钮 紧急按钮 呼叫按钮 对讲 应急电话', '电梯'),
  a('broken', '故障', '故障 坏 坏了 又坏了 停运 停用 失灵 不能用 趴窝 罢工 不运行 不动了 用不了 报修'),
  a('elderly', '老人', '老人 老年人 老人家 老大爷 老太太 大爷 大妈 奶奶 爷爷'),
  a('stairs', '上下楼', '上下楼 下楼 上楼 爬楼 爬楼梯 走楼梯'),
  a('property', '物业', '物业 物业公司 物业管理 物管 管家 保安'),
  g('property-fee', '物业费', '物业费 管理费 乱收费 停车费'),
  g('access', '门禁', '门禁 门卡 刷卡 道闸 单元门'),
  // Noise.
  g('noise', '噪音', '噪音 噪声 吵 吵闹 太吵 吵死 音响 喇叭 大喇叭 音乐 放音乐 声音 声音大 扰民 轰隆 震耳'),
  g('noise-dance', '广场舞', '广场舞 跳舞 跳广场舞 健身操', '噪音'),
  g('works', '施工', '施工 工地 渣土车 挖掘机 施工队'),
  g('noise-works', '施工噪音', '打桩 夜间施工 连夜施工 半夜施工 晚上施工 夜里施工 搅拌机 电锤 切割机 施工噪音 施工噪声', '噪音'),
  // Noise of the household next door: a dispute between neighbours, not a building site or a shop.
  g('noise-home', '生活噪音', '唱歌 唱卡拉ok 拖椅子 拖桌子 跺脚 蹦跳 跑跳 弹琴 练琴 敲墙 砸东西 楼上吵 楼上的噪音', '噪音'),
  g('noise-renovation', '装修噪音', '装修 电钻 电钻声 砸墙 敲敲打打', '噪音'),
  a('rest', '休息', '休息 睡觉 睡不着 失眠 入睡 睡不好 睡眠'),
  a('night', '夜间', '夜间 晚上 夜里 深夜 半夜 凌晨 夜晚 后半夜 十一点 十二点'),
  a('shops', '商户', '商户 商铺 店铺 门店 商家 店家 饭馆 饭店 餐馆 KTV 酒吧'),
  g('fumes', '油烟', '油烟 烧烤 排烟 烟味 呛人 油烟机 烤串', '异味'),
  g('dust', '扬尘', '扬尘 灰尘 尘土 粉尘 灰大 尘土飞扬'),
  // Water, power, gas, drains.
  g('water-cut', '停水', '停水 没水 断水 没有水 不出水 一滴水 水压低 水压小 水压不够 水小 上不去水 供水', '供水'),
  g('water-quality', '水质', '水质 水黄 黄水 浑浊 发黄 锈水 铁锈 水有味 水有点黄 水是黄的 水发黄', '供水'),
  g('water', '供水', '自来水 供水 用水'),
  g('power-cut', '停电', '停电 断电 没电 跳闸 电压不稳 电压低', '供电'),
  g('gas', '燃气', '燃气 天然气 煤气 燃气味 煤气味 漏气 燃气表'),
  g('drain', '下水', '下水道 下水 污水 堵塞 堵了 反水 返水 冒水 化粪池 管道堵 马桶堵 污水井 外溢 漫出来'),
  g('leak', '漏水', '漏水 漏雨 渗水 滴水 水渍 往下滴 墙皮脱落 发霉'),
  // Streets.
  g('lamp', '路灯', '路灯 灯不亮 不亮 照明 黑灯瞎火 摸黑 楼道灯 声控灯 灯坏 黑乎乎 一片漆黑'),
  g('manhole', '井盖', '井盖 窨井 井口 下水井盖'),
  g('pothole', '路面破损', '坑 坑洼 大坑 破损 塌陷 路面 裂缝 凹陷 坑坑洼洼 积水 翻浆'),
  g('parking', '停车', '停车 乱停 乱停乱放 违停 占道停车 堵车道 消防通道 车位 停满'),
  g('stall', '占道经营', '摊贩 占道经营 流动摊点 小摊 摆摊 出摊 地摊 占道'),
  // Charging is the hazard; an e-bike in the way (电动车都过不去) is not this topic.
  g('ebike', '电动车充电', '充电 飞线 拉线充电 楼道充电 电动车进楼 电瓶车进楼 电动车上楼 推车进楼', '安全隐患'),
  g('illegal-build', '违建', '违建 违章搭建 违章建筑 私搭乱建 加盖 搭建 彩钢房 圈占'),
  g('tree', '树木', '树枝 树木 大树 修剪 倒伏 枯树 绿化带 树倒'),
  // 卫生间 is mostly a flat's (楼上卫生间漏水): only the public ones are 公厕.
  g('toilet', '公厕', '公厕 厕所 公共厕所 公共卫生间'),
  g('dogs', '犬只', '狗 犬 狗叫 咬人 犬只 大狗'),
  // Strays, dogs off the lead and their mess: three problems of 犬只.
  g('dogs-stray', '流浪犬', '流浪狗 流浪犬 流浪猫 野狗 狗成群', '犬只'),
  g('dogs-lead', '遛狗不拴绳', '遛狗 不拴绳 没拴绳 不牵绳', '犬只'),
  g('dogs-mess', '犬只粪便', '狗屎 狗粪 狗便', '犬只'),
  // Markets and consumers.
  g('weights', '缺斤短两', '缺斤短两 短斤缺两 少秤 鬼秤 秤不准 克扣分量'),
  g('food', '食品安全', '过期 变质 发霉的 食品安全 吃坏 拉肚子 不新鲜 注水肉 三无'),
  g('price', '价格', '价格 乱涨价 涨价 宰客 不明码标价 标价'),
  // Work and welfare.
  g('wages', '欠薪', '欠薪 拖欠 工钱 讨薪 血汗钱 不给钱 不发工资 没发工资 不给工资 工资没发 工资没结 工资还没结 工资不给 包工头 讨要 结账'),
  a('pay', '工资', '工资 薪水 工资条 工资卡'),
  g('pension', '养老', '养老金 养老保险 退休金 社保'),
  g('subsidy', '低保', '低保 救助 补贴 困难补助 残疾补贴'),
  g('school', '入学', '入学 上学难 学位 划片 转学 学区'),
];

/** Default groups, then stored rows: a row replaces the default with its id, or adds a group; disabled rows drop it. */
export function mergeSynonyms(defaults: readonly SynonymGroup[], stored: readonly SynonymGroup[]): SynonymGroup[] {
  const byId = new Map(defaults.map((g0) => [g0.id, g0]));
  for (const row of stored) byId.set(row.id, row);
  return [...byId.values()].filter((g0) => g0.enabled);
}

/** A thesaurus ready for scanning. */
export interface Thesaurus {
  /** Surface form → its concepts (the group's, then its broader one). */
  readonly concepts: ReadonlyMap<string, readonly string[]>;
  /** Words of two or more characters, indexed by first character, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly string[]>;
  /** Every multi-character surface form (a segmenter should keep them whole). */
  readonly words: readonly string[];
  /** Concepts that are topics (what a request is about), not aspects. */
  readonly topics: ReadonlySet<string>;
  /** Concept → the broader concept its group names (室温低 → 供暖): narrower concepts of one broader one are siblings. */
  readonly broader: ReadonlyMap<string, string>;
}

export function buildThesaurus(groups: readonly SynonymGroup[]): Thesaurus {
  const concepts = new Map<string, string[]>();
  const topics = new Set<string>();
  const broader = new Map<string, string>();
  for (const grp of groups) {
    if (!grp.enabled) continue;
    if (!grp.aspect) topics.add(grp.concept);
    if (grp.broader) {
      topics.add(grp.broader);
      if (grp.broader !== grp.concept) broader.set(grp.concept, grp.broader);
    }
    for (const raw of grp.terms) {
      const t = raw.trim().toLowerCase();
      if (!t) continue;
      const list = concepts.get(t) ?? [];
      for (const c of [grp.concept, ...(grp.broader ? [grp.broader] : [])]) if (!list.includes(c)) list.push(c);
      concepts.set(t, list);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const t of concepts.keys()) {
    if ([...t].length < 2) continue;
    const first = t[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), t]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return { concepts, byFirst, words: [...concepts.keys()].filter((t) => [...t].length >= 2), topics, broader };
}

/**
 * The multi-character thesaurus words found in `text` (lower-cased), longest
 * match first at each position, matches not overlapping: "暖气费" is 供暖费,
 * not 供暖 as well.
 */
export function scanTerms(text: string, thesaurus: Thesaurus): string[] {
  const s = text.toLowerCase();
  const found: string[] = [];
  for (let i = 0; i < s.length; ) {
    const candidates = thesaurus.byFirst.get(s[i]!);
    const hit = candidates?.find((t) => s.startsWith(t, i));
    if (hit) {
      found.push(hit);
      i += hit.length;
    } else i++;
  }
  return found;
}

/** The concepts of a text: every concept (and broader concept) of the words found. */
export function conceptsIn(text: string, thesaurus: Thesaurus): string[] {
  const out = new Set<string>();
  for (const t of scanTerms(text, thesaurus)) for (const c of thesaurus.concepts.get(t) ?? []) out.add(c);
  return [...out];
}

let builtDefault: Thesaurus | undefined;
/**
 * The default thesaurus (no stored rows), built on first use: not when the module loads, since
 * most cold routes that import it never cluster anything (issue #9's cold start).
 */
export const defaultThesaurus = (): Thesaurus => (builtDefault ??= buildThesaurus(DEFAULT_SYNONYMS));

// ---- administration (GET/PUT/DELETE /api/admin/synonyms) ---------------------------

/** An admin's group as sent: the id comes from the path. */
export const SynonymGroupInputSchema = /* @__PURE__ */ lazySchema(() => z.strictObject(z.omit(SynonymGroupSchema, { id: true }).shape));
export type SynonymGroupEdit = z.input<typeof SynonymGroupInputSchema>;

/** Where a group of the effective thesaurus comes from. */
export const SYNONYM_SOURCES = ['default', 'changed', 'added'] as const;
export type SynonymSource = (typeof SYNONYM_SOURCES)[number];
export const SYNONYM_SOURCE_LABELS: Record<SynonymSource, string> = { default: '内置', changed: '已修改', added: '新增' };

export const SynonymGroupViewSchema = /* @__PURE__ */ lazySchema(() => z.extend(SynonymGroupSchema, { source: z.enum(SYNONYM_SOURCES) }));
export type SynonymGroupView = z.infer<typeof SynonymGroupViewSchema>;
export const AdminSynonymsReplySchema = /* @__PURE__ */ lazySchema(() => z.object({ items: z.array(SynonymGroupViewSchema) }));
export type AdminSynonymsReply = z.infer<typeof AdminSynonymsReplySchema>;
export const AdminSynonymReplySchema = /* @__PURE__ */ lazySchema(() => z.object({ group: SynonymGroupViewSchema }));
/** POST /api/admin/synonyms/{id}/remove: `restore` deletes a changed bundled group's row (the bundled one applies again). */
export const RemoveSynonymInputSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ restore: z._default(z.boolean(), false) }));

/** After a removal: the group as it now applies (switched off, or the bundled one restored), null when it is gone. */
export const AdminSynonymRemoveReplySchema = /* @__PURE__ */ lazySchema(() => z.object({ group: z.nullable(SynonymGroupViewSchema) }));

/** The admin's list: every default group (as changed or switched off by a row) and every added one, by id. */
export function synonymViews(defaults: readonly SynonymGroup[], stored: readonly SynonymGroup[]): SynonymGroupView[] {
  const defaultIds = new Set(defaults.map((g0) => g0.id));
  const byId = new Map<string, SynonymGroupView>(defaults.map((g0) => [g0.id, { ...g0, source: 'default' }]));
  for (const row of stored) byId.set(row.id, { ...row, source: defaultIds.has(row.id) ? 'changed' : 'added' });
  return [...byId.values()];
}
