/**
 * Least privilege, checked: what IAM needs for the DynamoDB calls a function really makes,
 * and whether that function's role in serverless.yml allows it.
 *
 * - {@link loadFunctionRoles}: every function's role statements, read from serverless.yml with a
 *   YAML parser that knows CloudFormation's tags (`!GetAtt MainTable.Arn` → `MainTable`,
 *   `!Sub '${MainTable.Arn}/index/x'` → `MainTable/index/x`), plus the managed policies of the
 *   template that name the role;
 * - {@link startRecordingProxy}: a pass-through HTTP proxy in front of DynamoDB Local that turns
 *   each low-level request body into the IAM requests it needs ({@link iamRequestsOf}): action,
 *   resource (the table or `index/<name>`) and the partition keys it reads or writes;
 * - {@link deniedRequests}: the requests no Allow statement of a role covers.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMeteringProxy } from '../../bench/dynamo-meter.ts';
import { readCfnYaml } from './cfn-yaml.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The table's logical id in the template and its partition key attribute (infra/table.json). */
export const TABLE = 'MainTable';
const PARTITION_KEY = 'PK';

export interface IamRequest {
  /** e.g. `dynamodb:Query`. */
  action: string;
  /** `MainTable` or `MainTable/index/<IndexName>` (the ARN with `${MainTable.Arn}` written `MainTable`). */
  resource: string;
  /** The partition keys read or written; undefined when the call does not name them (a Scan, an index Query). */
  leadingKeys?: string[];
  /** The low-level operation it came from (TransactWriteItems …), for messages. */
  operation: string;
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

// ---------------------------------------------------------------------------------------------
// serverless.yml

/** serverless.yml as a plain object, CloudFormation tags as their `Fn::` forms. */
export function readServerlessYml(path = join(ROOT, 'serverless.yml')): Record<string, any> {
  return readCfnYaml(path);
}

/** A resource value as a string: `MainTable`, `MainTable/index/byResident`, or the other ARNs as written. */
export function resourceString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['Fn::GetAtt']) && v['Fn::GetAtt'][1] === 'Arn') return String(v['Fn::GetAtt'][0]);
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string') return sub.replace(/\$\{([A-Za-z0-9]+)\.Arn\}/g, '$1');
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0].replace(/\$\{([A-Za-z0-9]+)\.Arn\}/g, '$1');
    if (typeof v.Ref === 'string') return `Ref:${v.Ref}`;
  }
  return JSON.stringify(value);
}

/** Every function's role name and the statements of its inline policies and of the template's managed policies attached to it. */
export function loadFunctionRoles(yml = readServerlessYml()): Map<string, { role: string; statements: Statement[] }> {
  const resources = (yml.resources?.Resources ?? {}) as Record<string, any>;
  const out = new Map<string, { role: string; statements: Statement[] }>();
  for (const [fn, def] of Object.entries((yml.functions ?? {}) as Record<string, any>)) {
    const role = def.role as string | undefined;
    if (!role) throw new Error(`function ${fn} has no role of its own`);
    const res = resources[role];
    if (!res || res.Type !== 'AWS::IAM::Role') throw new Error(`function ${fn}: role ${role} is not an AWS::IAM::Role of the template`);
    const statements: Statement[] = [];
    for (const policy of (res.Properties?.Policies ?? []) as any[]) {
      if (!policy?.PolicyDocument?.Statement) throw new Error(`role ${role}: a policy without an inline PolicyDocument.Statement (${JSON.stringify(policy)})`);
      statements.push(...([] as Statement[]).concat(policy.PolicyDocument.Statement));
    }
    for (const other of Object.values(resources)) {
      if (other?.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const roles = ((other.Properties?.Roles ?? []) as unknown[]).map(resourceString);
      if (roles.includes(`Ref:${role}`)) statements.push(...([] as Statement[]).concat(other.Properties.PolicyDocument.Statement));
    }
    out.set(fn, { role, statements });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checking

/** IAM's wildcard match (`*`, `?`), case-sensitive as for resources and StringLike. */
function like(pattern: string, value: string, ignoreCase = false): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ignoreCase ? 'i' : '');
  return re.test(value);
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether a statement's conditions hold for a request. Only `ForAllValues:StringLike` on `dynamodb:LeadingKeys` is understood; anything else never holds (conservative). */
function conditionsHold(condition: Statement['Condition'], req: IamRequest): boolean {
  if (!condition) return true;
  for (const [operator, tests] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(tests)) {
      if (operator !== 'ForAllValues:StringLike' || key !== 'dynamodb:LeadingKeys') return false;
      if (!req.leadingKeys || req.leadingKeys.length === 0) return false;
      if (!req.leadingKeys.every((k) => list(values).some((p) => like(p, k)))) return false;
    }
  }
  return true;
}

export function allows(statement: Statement, req: IamRequest): boolean {
  return (
    statement.Effect === 'Allow' &&
    list(statement.Action).some((a) => like(a, req.action, true)) &&
    list(statement.Resource as unknown[]).map(resourceString).some((r) => like(r, req.resource)) &&
    conditionsHold(statement.Condition, req)
  );
}

/** The requests no Allow statement covers (Deny statements are not used by the template and not evaluated). */
export function deniedRequests(statements: Statement[], requests: IamRequest[]): IamRequest[] {
  return requests.filter((req) => !statements.some((s) => allows(s, req)));
}

/** The (action, resource) pairs of a role's DynamoDB statements that none of the requests used. */
export function unusedGrants(statements: Statement[], requests: IamRequest[]): string[] {
  const unused: string[] = [];
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    for (const action of list(s.Action).filter((a) => a.startsWith('dynamodb:'))) {
      for (const resource of list(s.Resource as unknown[]).map(resourceString)) {
        // Only Query and Scan act on an index: the item actions listed beside them apply to the table alone.
        if (resource.includes('/index/') && !['dynamodb:Query', 'dynamodb:Scan'].includes(action)) continue;
        const used = requests.some((r) => allows({ ...s, Action: action, Resource: resource }, r));
        if (!used) unused.push(`${action} on ${resource}${s.Condition ? ' (conditioned)' : ''}`);
      }
    }
  }
  return unused;
}

// ---------------------------------------------------------------------------------------------
// From a request body to what IAM needs

type AttrMap = Record<string, Record<string, unknown>>;

const keyOf = (item: AttrMap | undefined): string[] => {
  const v = item?.[PARTITION_KEY];
  return v && typeof v.S === 'string' ? [v.S] : [];
};

/** The partition key a Query on the table names (`PK = :v`), if it does. */
function queryPartitionKey(body: Record<string, any>): string[] | undefined {
  const expr = String(body.KeyConditionExpression ?? '');
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as AttrMap;
  for (const m of expr.matchAll(/([#A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const attr = m[1]!.startsWith('#') ? names[m[1]!] : m[1];
    const value = values[m[2]!];
    if (attr === PARTITION_KEY && typeof value?.S === 'string') return [value.S];
  }
  return undefined;
}

const dynamo = (action: string) => `dynamodb:${action}`;

/** The IAM requests one low-level DynamoDB call needs. */
export function iamRequestsOf(operation: string, body: Record<string, any>, tableName: string): IamRequest[] {
  const one = (action: string, table: string | undefined, leadingKeys?: string[], index?: string): IamRequest => {
    const base = table === tableName ? TABLE : `other-table:${table}`;
    return { action: dynamo(action), resource: index ? `${base}/index/${index}` : base, leadingKeys, operation };
  };
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [one(operation, body.TableName, keyOf(body.Key))];
    case 'PutItem':
      return [one(operation, body.TableName, keyOf(body.Item))];
    case 'Query':
    case 'Scan':
      return [one(operation, body.TableName, body.IndexName ? undefined : operation === 'Query' ? queryPartitionKey(body) : undefined, body.IndexName)];
    case 'BatchGetItem':
      return Object.entries((body.RequestItems ?? {}) as Record<string, { Keys: AttrMap[] }>).map(([table, r]) => one('BatchGetItem', table, r.Keys.flatMap(keyOf)));
    case 'BatchWriteItem':
      return Object.entries((body.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: AttrMap }; DeleteRequest?: { Key: AttrMap } }[]>).flatMap(([table, rs]) => [
        one('BatchWriteItem', table, rs.flatMap((r) => keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key))),
      ]);
    case 'TransactWriteItems':
      return ((body.TransactItems ?? []) as Record<string, Record<string, any>>[]).map((item) => {
        if (item.Put) return one('PutItem', item.Put.TableName, keyOf(item.Put.Item));
        if (item.Update) return one('UpdateItem', item.Update.TableName, keyOf(item.Update.Key));
        if (item.Delete) return one('DeleteItem', item.Delete.TableName, keyOf(item.Delete.Key));
        return one('ConditionCheckItem', item.ConditionCheck!.TableName, keyOf(item.ConditionCheck!.Key));
      });
    case 'TransactGetItems':
      return ((body.TransactItems ?? []) as { Get: { TableName: string; Key: AttrMap } }[]).map((item) => one('GetItem', item.Get.TableName, keyOf(item.Get.Key)));
    default:
      // DescribeTable, CreateTable …: named as they are, never granted to a function.
      return [one(operation, body.TableName)];
  }
}

// ---------------------------------------------------------------------------------------------
// Recording

export interface RecordedCall extends IamRequest {
  /** What the test was doing when the call was made (set by the test: function and route). */
  path: string;
}

export interface RecordingProxy {
  endpoint: string;
  calls: RecordedCall[];
  /** Sets the label recorded with the next calls. */
  label(path: string): void;
  stop(): Promise<void>;
}

/** A proxy to DynamoDB Local recording (`tableName` is the template's MainTable) the IAM requests of every call through it. Bodies pass unchanged. */
export async function startRecordingProxy(target: string, tableName: string): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  let current = '';
  const proxy = await startMeteringProxy(target, 0, (operation, body) => {
    try {
      for (const r of iamRequestsOf(operation, JSON.parse(body) as Record<string, any>, tableName)) calls.push({ ...r, path: current });
    } catch (err) {
      calls.push({ action: `unparsed:${operation}`, resource: String(err), operation, path: current });
    }
  });
  return {
    endpoint: proxy.endpoint,
    calls,
    label: (path) => {
      current = path;
    },
    stop: () => proxy.stop(),
  };
}
