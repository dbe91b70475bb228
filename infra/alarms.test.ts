import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC } from '../functions/src/http/observe.ts';
import { readCfnYaml } from '../tests/support/cfn-yaml.ts';
import { REPO_ROOT } from './stages.ts';

/**
 * The alarms watch what the code emits, and all of them deploy: infra/alarms.yml's resources
 * are each pulled into serverless.yml by name (`${file(./infra/alarms.yml):X}`), so one added to
 * the file alone would silently never exist.
 */
const alarms = readCfnYaml(join(REPO_ROOT, 'infra/alarms.yml'));
const serverlessYml = readFileSync(join(REPO_ROOT, 'serverless.yml'), 'utf8');
const ourNamespace = 'Mashang/${sls:stage}';
const ours = Object.entries(alarms).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Namespace === ourNamespace);

describe('infra/alarms.yml', () => {
  it('every resource of it is a resource of serverless.yml under the same name', () => {
    const missing = Object.keys(alarms).filter((name) => !serverlessYml.includes(`    ${name}: \${file(./infra/alarms.yml):${name}}`));
    expect(missing).toEqual([]);
  });

  it("every alarm on the application's namespace watches a metric the code emits (functions/src/http/observe.ts METRIC)", () => {
    expect(ours.length).toBeGreaterThan(0);
    const emitted = new Set<string>(Object.values(METRIC));
    expect(ours.map(([, r]) => r.Properties.MetricName as string).filter((m) => !emitted.has(m))).toEqual([]);
  });

  it('the metrics that mean something was lost or stopped have an alarm: failed messages, photos given up, sweeps', () => {
    const watched = new Set(ours.map(([, r]) => r.Properties.MetricName as string));
    for (const m of [METRIC.notificationsFailed, METRIC.photoTagsFailed, METRIC.sweeps, METRIC.sweepLag]) expect(watched, m).toContain(m);
  });

  it('a single photo given up alarms (the lifecycle rule deletes it)', () => {
    const [, photo] = ours.find(([, r]) => r.Properties.MetricName === METRIC.photoTagsFailed)!;
    expect(photo.Properties).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [{ Ref: 'AlarmTopic' }] });
  });
});
