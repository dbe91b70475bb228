/**
 * `npm run package`: packages every stage offline (`osls package --stage …`, no AWS
 * credentials) and checks each packaged CloudFormation template against the AWS resource
 * specification (infra/template-check.ts). Prints one summary line per stage and a total
 * (the README's figures table quotes it); exits non-zero on any finding.
 *
 *   npm run package                  # every stage
 *   npm run package -- --stage prod  # one stage
 *   npm run package -- --no-package  # check the templates packaged last time
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { checkTemplate, type SpecDb } from './template-check.ts';
import { packageDir, REPO_ROOT as ROOT, STAGES, templatesOf } from './stages.ts';

function main(): void {
  const args = process.argv.slice(2);
  const only = args.includes('--stage') ? [args[args.indexOf('--stage') + 1]!] : [...STAGES];
  const spec = loadAwsServiceSpecSync() as unknown as SpecDb;
  const today = new Date().toISOString().slice(0, 10);
  let total = { templates: 0, resources: 0, propertiesChecked: 0, referencesChecked: 0, findings: 0 };
  for (const stage of only) {
    if (!args.includes('--no-package')) {
      const started = Date.now();
      // prod needs an alarm subscriber; a reserved domain stands in for the operator's address.
      const env = { ...process.env, MASHANG_ALARM_EMAIL: process.env.MASHANG_ALARM_EMAIL ?? 'alarms@example.invalid' };
      execFileSync('npx', ['osls', 'package', '--stage', stage, '--package', packageDir(stage)], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
      console.log(`packaged stage ${stage} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    if (!existsSync(packageDir(stage))) throw new Error(`stage ${stage} is not packaged`);
    for (const file of templatesOf(stage)) {
      const s = checkTemplate(JSON.parse(readFileSync(file, 'utf8')), spec, today);
      const name = file.slice(packageDir(stage).length + 1);
      console.log(`template check ${stage}/${name}: ${s.resources} resources, ${s.propertiesChecked} properties, ${s.referencesChecked} references, ${s.findings.length} findings`);
      for (const f of s.findings) console.log(`  ${f.kind} at ${f.path}: ${f.message}`);
      total = {
        templates: total.templates + 1,
        resources: total.resources + s.resources,
        propertiesChecked: total.propertiesChecked + s.propertiesChecked,
        referencesChecked: total.referencesChecked + s.referencesChecked,
        findings: total.findings + s.findings.length,
      };
    }
  }
  console.log(
    `template check total (${today}, ${only.join(' + ')}): ${total.templates} templates, ${total.resources} resources, ${total.propertiesChecked} properties, ${total.referencesChecked} references checked, ${total.findings} findings`,
  );
  if (total.findings > 0) process.exit(1);
}

main();
