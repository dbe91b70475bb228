/**
 * Checks a packaged CloudFormation template against the AWS resource specification
 * (the database shipped in the npm package `@aws-cdk/aws-service-spec`), offline:
 *
 *  - every resource type exists, every property exists on it (recursively into nested
 *    property types), required properties are present, literal values have the right shape
 *    (object / list / scalar) and, where the spec enumerates them, an allowed value;
 *  - every `Ref`, `Fn::GetAtt` and `${X}` / `${X.Attr}` inside `Fn::Sub` names a resource,
 *    parameter or pseudo parameter that exists (and an attribute the resource type has);
 *    `DependsOn` and `Fn::If` conditions name things that exist;
 *  - no `${…}` outside `Fn::Sub` (an unresolved Serverless variable, or a `${AWS::Partition}`
 *    that IAM would receive literally);
 *  - no Lambda runtime that is deprecated on the check's date.
 *
 * Pure: the spec and the date are passed in. The driver is infra/check-templates.ts.
 */

/** The parts of the spec database this check reads (see @aws-cdk/service-spec-types). */
export interface SpecDb {
  lookup(collection: 'resource', index: 'cloudFormationType', how: 'equals', value: string): SpecResource[];
  get(collection: 'typeDefinition', id: string): SpecTypeDefinition;
}
interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, SpecProperty>;
  attributes: Record<string, unknown>;
}
interface SpecTypeDefinition {
  name: string;
  properties: Record<string, SpecProperty>;
}
interface SpecProperty {
  required?: boolean;
  type: SpecType;
  previousTypes?: SpecType[];
  deprecated?: string;
}
type SpecType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'number' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };

export interface Finding {
  /** Where, e.g. `Resources.PublicRole.Properties.ManagedPolicyArns[0]`. */
  path: string;
  kind: 'unknown-type' | 'unknown-property' | 'missing-required' | 'wrong-shape' | 'bad-value' | 'dangling-ref' | 'unknown-attribute' | 'unresolved-variable' | 'deprecated-runtime' | 'bad-intrinsic';
  message: string;
}

export interface CheckSummary {
  resources: number;
  /** Property values compared with the spec, nested ones included. */
  propertiesChecked: number;
  /** Ref / GetAtt / Sub references resolved. */
  referencesChecked: number;
  findings: Finding[];
}

/**
 * Lambda's Node.js runtimes and the day each is deprecated (AWS Lambda runtimes page):
 * from that day a template using it is a finding. Runtimes not listed are findings too.
 */
export const NODE_RUNTIME_DEPRECATION: Record<string, string> = {
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
};

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with exactly one key that is `Ref`, `Condition` or `Fn::…`. */
function intrinsicName(v: Json): string | undefined {
  if (!isObj(v)) return undefined;
  const ks = Object.keys(v);
  if (ks.length !== 1) return undefined;
  const k = ks[0]!;
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::') ? k : undefined;
}

export function checkTemplate(template: unknown, spec: SpecDb, today: string): CheckSummary {
  const findings: Finding[] = [];
  const summary: CheckSummary = { resources: 0, propertiesChecked: 0, referencesChecked: 0, findings };
  const add = (path: string, kind: Finding['kind'], message: string): void => {
    findings.push({ path, kind, message });
  };
  if (!isObj(template)) {
    add('(root)', 'wrong-shape', 'template is not an object');
    return summary;
  }
  const resources = isObj(template.Resources) ? template.Resources : {};
  const parameters = isObj(template.Parameters) ? template.Parameters : {};
  const conditions = isObj(template.Conditions) ? template.Conditions : {};
  const specOf = new Map<string, SpecResource | undefined>();
  const typeOf = (logicalId: string): SpecResource | undefined => {
    const r = resources[logicalId];
    if (!isObj(r) || typeof r.Type !== 'string') return undefined;
    if (!specOf.has(r.Type)) specOf.set(r.Type, spec.lookup('resource', 'cloudFormationType', 'equals', r.Type)[0]);
    return specOf.get(r.Type);
  };
  const isCustom = (logicalId: string) => {
    const r = resources[logicalId];
    return isObj(r) && typeof r.Type === 'string' && (r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource');
  };

  const checkGetAtt = (path: string, logicalId: string, attribute: string, subVars?: Obj) => {
    summary.referencesChecked++;
    if (subVars && logicalId in subVars) return;
    if (!(logicalId in resources)) return add(path, 'dangling-ref', `GetAtt of ${logicalId}.${attribute}: no such resource`);
    if (isCustom(logicalId)) return;
    const rs = typeOf(logicalId);
    if (rs && !(attribute in rs.attributes)) add(path, 'unknown-attribute', `${logicalId} (${rs.cloudFormationType}) has no attribute ${attribute}`);
  };
  const checkRef = (path: string, name: string, subVars?: Obj) => {
    summary.referencesChecked++;
    if (PSEUDO.has(name) || name in resources || name in parameters || (subVars && name in subVars)) return;
    add(path, 'dangling-ref', `Ref to ${name}: no such resource, parameter or pseudo parameter`);
  };

  /** Walks any value: checks intrinsics and flags `${…}` in plain strings. */
  const walk = (v: Json, path: string): void => {
    if (typeof v === 'string') {
      if (/\$\{[^}]*\}/.test(v)) add(path, 'unresolved-variable', `"${v.slice(0, 120)}" contains \${…} outside Fn::Sub`);
      return;
    }
    if (Array.isArray(v)) return v.forEach((e, i) => walk(e, `${path}[${i}]`));
    if (!isObj(v)) return;
    const fn = intrinsicName(v);
    if (fn === 'Ref') {
      if (typeof v.Ref !== 'string') return add(path, 'bad-intrinsic', 'Ref needs a name');
      return checkRef(path, v.Ref);
    }
    if (fn === 'Fn::GetAtt') {
      const a = v['Fn::GetAtt'];
      const parts = typeof a === 'string' ? [a.slice(0, a.indexOf('.')), a.slice(a.indexOf('.') + 1)] : a;
      if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string' || !parts[0]) return add(path, 'bad-intrinsic', 'Fn::GetAtt needs [resource, attribute]');
      if (typeof parts[1] !== 'string') return walk(parts[1] ?? null, `${path}.Fn::GetAtt[1]`);
      return checkGetAtt(path, parts[0], parts[1]);
    }
    if (fn === 'Fn::Sub') {
      const a = v['Fn::Sub'];
      const [text, vars] = typeof a === 'string' ? [a, {}] : Array.isArray(a) ? [a[0], a[1] ?? {}] : [undefined, {}];
      if (typeof text !== 'string' || !isObj(vars)) return add(path, 'bad-intrinsic', 'Fn::Sub needs a string or [string, {variables}]');
      for (const [k, val] of Object.entries(vars)) walk(val, `${path}.Fn::Sub[1].${k}`);
      for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
        const ref = m[1]!.trim();
        if (ref.startsWith('!')) continue; // ${!Literal} is written out as ${Literal}
        const dot = ref.indexOf('.');
        if (dot > 0 && !ref.startsWith('AWS::')) checkGetAtt(path, ref.slice(0, dot), ref.slice(dot + 1), vars);
        else checkRef(path, ref, vars);
      }
      return;
    }
    if (fn === 'Fn::If' || fn === 'Condition') {
      const a = v[fn];
      const name = fn === 'Condition' ? a : Array.isArray(a) ? a[0] : undefined;
      if (typeof name !== 'string' || !(name in conditions)) add(path, 'dangling-ref', `condition ${String(name)} is not defined`);
      if (fn === 'Fn::If' && Array.isArray(a)) a.slice(1).forEach((e, i) => walk(e, `${path}.Fn::If[${i + 1}]`));
      return;
    }
    for (const [k, val] of Object.entries(v)) walk(val, `${path}.${k}`);
  };

  /** Compares a literal value with the spec's type; returns the findings instead of adding them (unions try each). */
  const conforms = (v: Json, t: SpecType, path: string, out: Finding[]): void => {
    const bad = (kind: Finding['kind'], message: string): void => {
      out.push({ path, kind, message });
    };
    if (intrinsicName(v)) return; // resolved by CloudFormation; walk() checks the intrinsic itself
    switch (t.type) {
      case 'json':
        return;
      case 'string':
      case 'date-time':
        if (isObj(v) || Array.isArray(v) || v === null) return bad('wrong-shape', `expected a string, got ${Array.isArray(v) ? 'a list' : 'an object'}`);
        if (t.type === 'string' && t.allowedValues?.length && typeof v === 'string' && !t.allowedValues.includes(v)) bad('bad-value', `"${v}" is not one of ${t.allowedValues.join(', ')}`);
        return;
      case 'number':
      case 'integer':
        if (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))) return;
        return bad('wrong-shape', `expected a number, got ${JSON.stringify(v)?.slice(0, 60)}`);
      case 'boolean':
        if (typeof v === 'boolean' || v === 'true' || v === 'false') return;
        return bad('wrong-shape', `expected a boolean, got ${JSON.stringify(v)?.slice(0, 60)}`);
      case 'null':
        return;
      case 'tag':
        if (!isObj(v)) return bad('wrong-shape', 'expected a tag {Key, Value}');
        return checkObject(v, { Key: { required: true, type: { type: 'string' } }, Value: { required: true, type: { type: 'string' } } }, path, out);
      case 'array':
        if (!Array.isArray(v)) return bad('wrong-shape', 'expected a list');
        return v.forEach((e, i) => conforms(e, t.element, `${path}[${i}]`, out));
      case 'map':
        if (!isObj(v)) return bad('wrong-shape', 'expected a map');
        return Object.entries(v).forEach(([k, e]) => conforms(e, t.element, `${path}.${k}`, out));
      case 'ref': {
        if (!isObj(v)) return bad('wrong-shape', 'expected an object');
        return checkObject(v, spec.get('typeDefinition', t.reference.$ref).properties, path, out);
      }
      case 'union': {
        let best: Finding[] | undefined;
        for (const alt of t.types) {
          const trial: Finding[] = [];
          conforms(v, alt, path, trial);
          if (trial.length === 0) return;
          if (!best || trial.length < best.length) best = trial;
        }
        out.push(...(best ?? []));
        return;
      }
    }
  };

  const checkObject = (v: Obj, props: Record<string, SpecProperty>, path: string, out: Finding[]): void => {
    for (const [name, p] of Object.entries(props)) {
      if (p.required && !(name in v)) out.push({ path, kind: 'missing-required', message: `required property ${name} is missing` });
    }
    for (const [name, val] of Object.entries(v)) {
      const p = props[name];
      summary.propertiesChecked++;
      if (!p) {
        out.push({ path: `${path}.${name}`, kind: 'unknown-property', message: `no property ${name} here (known: ${Object.keys(props).join(', ')})` });
        continue;
      }
      const types = [p.type, ...(p.previousTypes ?? [])];
      if (types.length === 1) conforms(val, p.type, `${path}.${name}`, out);
      else conforms(val, { type: 'union', types }, `${path}.${name}`, out);
    }
  };

  for (const [id, r] of Object.entries(resources)) {
    const path = `Resources.${id}`;
    summary.resources++;
    if (!isObj(r) || typeof r.Type !== 'string') {
      add(path, 'wrong-shape', 'a resource needs a Type');
      continue;
    }
    const deps = r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
    for (const d of deps) if (typeof d !== 'string' || !(d in resources)) add(`${path}.DependsOn`, 'dangling-ref', `DependsOn ${String(d)}: no such resource`);
    if (typeof r.Condition === 'string' && !(r.Condition in conditions)) add(`${path}.Condition`, 'dangling-ref', `condition ${r.Condition} is not defined`);
    const props = r.Properties === undefined ? {} : r.Properties;
    walk(props, `${path}.Properties`);
    if (isCustom(id)) continue;
    const rs = typeOf(id);
    if (!rs) {
      add(path, 'unknown-type', `resource type ${r.Type} is not in the AWS resource specification`);
      continue;
    }
    if (!isObj(props)) {
      add(`${path}.Properties`, 'wrong-shape', 'Properties must be an object');
      continue;
    }
    checkObject(props, rs.properties, `${path}.Properties`, findings);
    if (r.Type === 'AWS::Lambda::Function' && props.PackageType !== 'Image') {
      const runtime = props.Runtime;
      const until = typeof runtime === 'string' ? NODE_RUNTIME_DEPRECATION[runtime] : undefined;
      if (typeof runtime !== 'string') add(`${path}.Properties.Runtime`, 'deprecated-runtime', 'no literal Runtime: cannot tell whether it is supported');
      else if (!until) add(`${path}.Properties.Runtime`, 'deprecated-runtime', `runtime ${runtime} is not a supported Node.js runtime`);
      else if (until <= today) add(`${path}.Properties.Runtime`, 'deprecated-runtime', `runtime ${runtime} is deprecated since ${until}`);
    }
  }
  for (const section of ['Outputs', 'Conditions'] as const) {
    const s = template[section];
    if (isObj(s)) walk(s, section);
  }
  return summary;
}
