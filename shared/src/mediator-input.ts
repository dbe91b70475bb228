/**
 * The admin's input for a new mediation team (POST /api/admin/mediators, ./admin-org.ts). A module
 * of its own so that the functions that file requests, which compose the mediators' use case,
 * do not build the admin pages' other schemas at load (issue #9, cold start: zod builds every
 * schema of a module it loads).
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

export const CreateMediatorInputSchema = lazySchema(() => z.object({
  name: z.string().check(z.trim(), z.minLength(2, '名称至少 2 个字'), z.maxLength(30, '名称不超过 30 个字')),
  unitId: z.string().check(z.minLength(1, '请选择所属单位')),
  specialty: z.string().check(z.trim(), z.minLength(2, '请填写擅长调解的纠纷类型'), z.maxLength(60, '擅长领域不超过 60 个字')),
  contact: z.string().check(z.trim(), z.minLength(5, '请填写联系电话或地址'), z.maxLength(60, '联系方式不超过 60 个字')),
}));
export type CreateMediatorInput = z.input<typeof CreateMediatorInputSchema>;
