import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { lazySchema, realSchema } from './lazy-schema.ts';

// The same schemas, eager and lazy, nested the way shared/ nests them.
function schemas(lazy: boolean) {
  const l = lazy ? lazySchema : <T extends object>(b: () => T): T => b();
  const Kind = l(() => z.enum(['a', 'b']));
  const A = l(() => z.object({ type: z.literal('a'), text: z.string().trim().min(2, '至少2个字') }));
  const B = l(() => z.object({ type: z.literal('b'), n: z.coerce.number().int().default(1) }));
  const AB = l(() => z.discriminatedUnion('type', [A, B]));
  const Outer = l(() =>
    z
      .object({ kind: Kind, item: AB, items: z.array(A).max(2), note: A.shape.text.optional(), when: z.iso.datetime().optional() })
      .refine((v) => v.kind === v.item.type, { message: '类型不一致', path: ['kind'] }),
  );
  const Wider = l(() => A.extend({ extra: z.boolean().default(false) }).pick({ text: true, extra: true }));
  const Counted = l(() => z.string().transform((s) => s.length));
  return { Kind, A, B, AB, Outer, Wider, Counted };
}

const inputs: unknown[] = [
  { kind: 'a', item: { type: 'a', text: ' 你好 ' }, items: [], note: '  备注 ' },
  { kind: 'b', item: { type: 'b', n: '3' }, items: [{ type: 'a', text: '好的' }] },
  { kind: 'a', item: { type: 'b' }, items: [] },
  { kind: 'c', item: { type: 'x' }, items: [1, 2, 3], when: 'yesterday' },
  null,
  'text',
];

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let built = 0;
    const S = lazySchema(() => (built++, z.object({ a: z.string() })));
    expect(built).toBe(0);
    expect(S.parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(S.safeParse({ a: 1 }).success).toBe(false);
    expect(Object.keys(S.shape)).toEqual(['a']);
    expect(built).toBe(1);
  });

  it('parses and fails exactly as the eager schemas, nested in objects, unions and arrays', () => {
    const eager = schemas(false);
    const lazy = schemas(true);
    for (const input of inputs) {
      for (const name of ['Outer', 'AB', 'Wider', 'A'] as const) {
        const e = eager[name].safeParse(input);
        const l = lazy[name].safeParse(input);
        expect(l.success, `${name} ${JSON.stringify(input)}`).toBe(e.success);
        expect(l.data).toEqual(e.data);
        expect(l.error?.issues).toEqual(e.error?.issues);
      }
    }
    expect(lazy.Counted.parse('四个汉字')).toBe(4);
    expect(() => lazy.Outer.parse(inputs[3])).toThrow(z.ZodError);
  });

  it('stands for the schema: instanceof, members, enum values, keys, derived schemas', () => {
    const { Kind, A, AB, Outer } = schemas(true);
    expect(A instanceof z.ZodObject).toBe(true);
    expect(A instanceof z.ZodType).toBe(true);
    expect(Kind instanceof z.ZodEnum).toBe(true);
    expect(A instanceof z.ZodString).toBe(false);
    expect(Kind.options).toEqual(['a', 'b']);
    expect(Kind.enum).toEqual({ a: 'a', b: 'b' });
    expect(AB.options).toHaveLength(2);
    expect('parse' in Outer && typeof Outer.safeParse === 'function').toBe(true);
    expect(Object.keys(A.shape)).toEqual(['type', 'text']);
    expect(A.optional().parse(undefined)).toBeUndefined();
    expect(A.array().parse([{ type: 'a', text: '好的' }])).toHaveLength(1);
    expect(z.object({ ...A.shape }).partial().parse({})).toEqual({});
    expect(Object.getPrototypeOf(A)).toBe(Object.getPrototypeOf(realSchema(A)));
    const { parse } = A; // a detached member stays bound
    expect(parse({ type: 'a', text: '好的' })).toEqual({ type: 'a', text: '好的' });
  });

  it('gives the same JSON Schema through realSchema-keyed generation, and realSchema unwraps aliases', () => {
    const { A } = schemas(true);
    const Alias = lazySchema(() => A);
    expect(realSchema(Alias)).toBe(realSchema(A));
    expect(realSchema(Alias)).not.toBe(Alias);
    const plain = z.object({ x: z.string() });
    expect(realSchema(plain)).toBe(plain);
    expect(z.toJSONSchema(A)).toEqual(z.toJSONSchema(schemas(false).A));
  });
});
