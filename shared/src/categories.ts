import * as z from 'zod/mini';
import { SlaPolicyOverrideSchema, URGENT_POLICY } from './sla.ts';
import { lazySchema } from './lazy-schema.ts';

export const CategorySchema = lazySchema(() => z.object({
  code: z.string().check(z.regex(/^[a-z][a-z0-9_]{1,30}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  hint: z.optional(z.string().check(z.maxLength(60))),
  /** Stricter (or looser) time limits for this category; unset clocks use the defaults. */
  policy: z.optional(SlaPolicyOverrideSchema),
  urgent: z.optional(z.boolean()),
  /** Department that usually handles it, suggested when dispatching. */
  defaultDepartmentId: z.optional(z.string()),
}));
export type Category = z.infer<typeof CategorySchema>;

/**
 * The twelve livelihood areas that 12345 platforms report on, plus urgent
 * safety hazards and "other". Admins can edit them; this is the seed.
 */
export const DEFAULT_CATEGORIES: Category[] = [
  { code: 'sanitation', name: '市容环卫', hint: '垃圾清运、乱堆乱放、公厕' },
  { code: 'traffic', name: '道路交通', hint: '道路破损、公交线路、停车' },
  { code: 'utilities', name: '水电气暖', hint: '停水停电、燃气、供暖' },
  { code: 'property', name: '物业管理', hint: '物业服务、电梯、小区设施' },
  { code: 'housing', name: '住房建设', hint: '房屋质量、违章搭建、拆迁' },
  { code: 'social_security', name: '社会保障', hint: '养老、低保、医保' },
  { code: 'health', name: '医疗卫生', hint: '医疗服务、疫苗、卫生' },
  { code: 'education', name: '教育服务', hint: '入学、托育、校外培训' },
  { code: 'labour', name: '劳动就业', hint: '欠薪、用工、就业' },
  { code: 'environment', name: '生态环境', hint: '噪音、油烟、污水、扬尘' },
  { code: 'market', name: '市场监管', hint: '食品安全、消费纠纷、价格' },
  { code: 'dispute', name: '矛盾纠纷', hint: '邻里矛盾、家庭纠纷、调解' },
  { code: 'safety_hazard', name: '安全隐患', hint: '井盖缺失、电线垂落、燃气泄漏', urgent: true, policy: URGENT_POLICY },
  { code: 'other', name: '其他', hint: '以上都不是' },
];
