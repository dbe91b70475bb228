/**
 * A module-level zod schema built on first use, not when its module loads.
 *
 * Why: a Lambda route imports hundreds of schemas and uses a few; building them all at load was
 * 20–30 ms of every cold route (issue #9). `z.lazy` would still build one instance per schema and
 * has no `.shape`, `.def` …, so callers would change. This Proxy stands for the schema itself:
 * every trap builds the real schema once and forwards to it, with the real schema as receiver
 * (zod's methods bind to it, so a parse runs on the schema itself; a lazy schema nested in another,
 * e.g. `z.optional(Lazy)` or `z.array(Lazy)` with `zod/mini`'s functions, costs a trap per visit).
 * `instanceof` works (zod checks `_zod.traits`).
 * Invariants: the target is an empty extensible object, so descriptors are reported configurable.
 * Identity: the Proxy is not the schema (`z.optional(Lazy)` wraps the Proxy). Nothing keys a
 * registry by schema here (no `.meta`/`.describe`); zod's JSON Schema generator keys what it has
 * seen by schema, so functions/src/openapi/document.ts keys it by {@link realSchema}. A registry
 * (`.meta`, `.describe`) would need the same care. Cost: ≈ 0.1 µs per parse that visits a nested
 * lazy schema (`bench/lazy-parse.ts`). functions/src/schemas-at-load.test.ts fails when importing
 * any module of shared/ or functions/ builds a schema, i.e. a new top-level schema is not lazy.
 */
const reals = new WeakMap<object, () => object>();

/*@__NO_SIDE_EFFECTS__*/
export function lazySchema<T extends object>(build: () => T): T {
  let real: T | undefined;
  const r = (): T => (real ??= build());
  const p = new Proxy({} as T, {
    get: (_, k) => Reflect.get(r(), k),
    set: (_, k, v) => Reflect.set(r(), k, v),
    has: (_, k) => Reflect.has(r(), k),
    ownKeys: () => Reflect.ownKeys(r()),
    getOwnPropertyDescriptor: (_, k) => {
      const d = Reflect.getOwnPropertyDescriptor(r(), k);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, k, d) => Reflect.defineProperty(r(), k, d),
    deleteProperty: (_, k) => Reflect.deleteProperty(r(), k),
    getPrototypeOf: () => Reflect.getPrototypeOf(r()),
  });
  reals.set(p, r);
  return p;
}

/** The schema a {@link lazySchema} stands for (built now; through a lazy alias of a lazy schema too); any other value as it is. */
export const realSchema = <T>(s: T): T => {
  const r = reals.get(s as object);
  return r ? realSchema(r() as T) : s;
};
