import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTemplate, type Finding, type SpecDb } from './template-check.ts';

let spec: SpecDb;
beforeAll(() => {
  spec = loadAwsServiceSpecSync() as unknown as SpecDb;
});

const TODAY = '2026-11-30';

/** A small template shaped like the packaged one: a table, a role, a function, an output. */
function goodTemplate(): any {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Stage: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Resources: {
      MainTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        },
      },
      FnRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
          Policies: [
            {
              PolicyName: 'table',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: [{ 'Fn::GetAtt': ['MainTable', 'Arn'] }, { 'Fn::Sub': '${MainTable.Arn}/index/*' }] }] },
            },
          ],
        },
      },
      Fn: {
        Type: 'AWS::Lambda::Function',
        DependsOn: ['FnRole'],
        Properties: {
          Code: { S3Bucket: 'b', S3Key: 'k.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
          MemorySize: 512,
          TracingConfig: { Mode: 'Active' },
          Environment: { Variables: { TABLE_NAME: { Ref: 'MainTable' }, PROD: { 'Fn::If': ['IsProd', 'yes', 'no'] } } },
        },
      },
    },
    Outputs: { TableName: { Value: { Ref: 'MainTable' } }, Region: { Value: { 'Fn::Sub': '${AWS::Region}-${Stage}' } } },
  };
}

const kinds = (fs: Finding[]) => fs.map((f) => f.kind).sort();

describe('template check against the AWS resource specification', () => {
  it('finds nothing wrong in a correct template and counts what it checked', () => {
    const s = checkTemplate(goodTemplate(), spec, TODAY);
    expect(s.findings).toEqual([]);
    expect(s.resources).toBe(3);
    expect(s.propertiesChecked).toBeGreaterThan(15);
    expect(s.referencesChecked).toBe(9);
  });

  it('fails on the two defects main had: ${AWS::Partition} outside Fn::Sub and the deprecated nodejs20.x', () => {
    const t = goodTemplate();
    t.Resources.FnRole.Properties.ManagedPolicyArns = ['arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'];
    t.Resources.Fn.Properties.Runtime = 'nodejs20.x';
    const s = checkTemplate(t, spec, TODAY);
    expect(kinds(s.findings)).toEqual(['deprecated-runtime', 'unresolved-variable']);
    expect(s.findings.find((f) => f.kind === 'unresolved-variable')!.path).toBe('Resources.FnRole.Properties.ManagedPolicyArns[0]');
    // nodejs20.x was fine before its deprecation day.
    expect(checkTemplate(t, spec, '2026-04-29').findings.map((f) => f.kind)).toEqual(['unresolved-variable']);
  });

  it('fails on an unknown type, an unknown property (also nested), a missing required property and a wrong shape', () => {
    const t = goodTemplate();
    t.Resources.Queue = { Type: 'AWS::SQS::Queueue', Properties: {} };
    t.Resources.Fn.Properties.Timeoutt = 10;
    t.Resources.Fn.Properties.TracingConfig = { Modee: 'Active' };
    delete t.Resources.MainTable.Properties.KeySchema;
    t.Resources.Fn.Properties.MemorySize = 'lots';
    t.Resources.FnRole.Properties.Policies = { PolicyName: 'not-a-list' };
    const s = checkTemplate(t, spec, TODAY);
    expect(kinds(s.findings)).toEqual(['missing-required', 'unknown-property', 'unknown-property', 'unknown-type', 'wrong-shape', 'wrong-shape']);
    expect(s.findings.map((f) => f.path)).toContain('Resources.Fn.Properties.TracingConfig.Modee');
  });

  it('fails on a value the spec does not allow', () => {
    const t = goodTemplate();
    t.Resources.Fn.Properties.TracingConfig = { Mode: 'Always' };
    expect(kinds(checkTemplate(t, spec, TODAY).findings)).toEqual(['bad-value']);
  });

  it('fails on a Ref, GetAtt, Sub variable, DependsOn or condition that names nothing, and on an attribute the type lacks', () => {
    const t = goodTemplate();
    t.Resources.Fn.Properties.Environment.Variables.A = { Ref: 'NoSuchTable' };
    t.Resources.Fn.Properties.Environment.Variables.B = { 'Fn::GetAtt': ['MainTable', 'NoSuchAttribute'] };
    t.Resources.Fn.Properties.Environment.Variables.C = { 'Fn::Sub': '${Gone.Arn}/x' };
    t.Resources.Fn.Properties.Environment.Variables.D = { 'Fn::If': ['NoSuchCondition', 'a', 'b'] };
    t.Resources.Fn.DependsOn = ['FnRole', 'Ghost'];
    t.Outputs.Missing = { Value: { Ref: 'Nothing' } };
    const s = checkTemplate(t, spec, TODAY);
    expect(kinds(s.findings)).toEqual(['dangling-ref', 'dangling-ref', 'dangling-ref', 'dangling-ref', 'dangling-ref', 'unknown-attribute']);
  });

  it('accepts Sub variables given in its own map and ${!Literal}', () => {
    const t = goodTemplate();
    t.Resources.Fn.Properties.Environment.Variables.E = { 'Fn::Sub': ['${Name}-${!NotAVar}', { Name: { Ref: 'MainTable' } }] };
    expect(checkTemplate(t, spec, TODAY).findings).toEqual([]);
  });

  it('fails on a runtime that is not a supported Node.js runtime', () => {
    const t = goodTemplate();
    t.Resources.Fn.Properties.Runtime = 'nodejs14.x';
    expect(checkTemplate(t, spec, TODAY).findings.map((f) => f.message)).toEqual(['runtime nodejs14.x is not a supported Node.js runtime']);
  });
});
