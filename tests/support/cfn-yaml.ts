import { readFileSync } from 'node:fs';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';

/**
 * A YAML file of this repository's CloudFormation (serverless.yml, infra/*.yml) as a plain
 * object, its short-form tags as their `Fn::` forms (`!GetAtt MainTable.Arn` →
 * `{ 'Fn::GetAtt': ['MainTable', 'Arn'] }`, `!Ref X` → `{ Ref: 'X' }`). For tests that check
 * the templates against the code (IAM grants, alarms).
 */
const INTRINSICS = ['Ref', 'GetAtt', 'Sub', 'If', 'Not', 'Equals', 'And', 'Or', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'GetAZs', 'Cidr', 'Condition'];
const fnName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
const cfnTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [fnName(name)]: name === 'GetAtt' ? value.split('.') : value }) } as ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => ({ [fnName(name)]: seq.toJSON() }) } as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (map) => ({ [fnName(name)]: map.toJSON() }) } as CollectionTag,
]);

export function readCfnYaml(path: string): Record<string, any> {
  return parse(readFileSync(path, 'utf8'), { customTags: cfnTags }) as Record<string, any>;
}
