/**
 * `npm start`: the whole product on this machine. Ctrl-C stops everything it started.
 * Flags: --no-build (reuse miniapp/dist/h5), --fresh (wipe the local database first), --workers (one
 * worker thread per concurrent call, as Lambda isolates calls, instead of every function loaded once in
 * serverless-offline's process: 16 concurrent calls meant 16 bundles loading cold at once, and on a
 * 2-core machine some passed the 10 s timeout).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_LABELS } from '@mashang/shared';
import { buildH5, qrLink, ROOT, startStack } from './stack.ts';
import { DEMO_LOCATIONS, DEMO_PASSWORD, DEMO_STAFF } from './seed.ts';

const args = new Set(process.argv.slice(2));
const dataDir = join(ROOT, '.data/dynamodb');
const qrDir = join(ROOT, '.data/qr');

async function main(): Promise<void> {
  if (args.has('--fresh')) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(ROOT, '.data/s3'), { recursive: true, force: true });
  }
  if (!args.has('--no-build') || !existsSync(join(ROOT, 'miniapp/dist/h5/index.html'))) {
    console.log('构建 H5 页面 (Taro)…');
    await buildH5();
  }
  const stack = await startStack({
    dataDir,
    webPort: Number(process.env.PORT ?? 8080),
    apiPort: Number(process.env.MASHANG_API_PORT ?? 3001),
    dynamoPort: Number(process.env.MASHANG_DYNAMO_PORT ?? 8000),
    s3Port: Number(process.env.MASHANG_S3_PORT ?? 4569),
    s3Dir: join(ROOT, '.data/s3'),
    demoTickets: true,
    qrDir,
    inProcess: !args.has('--workers'),
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const staff = DEMO_STAFF.map((s) => `  ${s.username.padEnd(18)} ${DEMO_PASSWORD}   ${s.note}（${s.roles.map((r) => ROLE_LABELS[r]).join('、')}）`).join('\n');
  const links = DEMO_LOCATIONS.map((l) => `  ${l.name.padEnd(14, '　')} ${qrLink(stack.webUrl, l.id)}`).join('\n');
  console.log(`
码上办 已在本机运行 (Ctrl-C 停止)

居民扫码入口（每个演示地点一个二维码，SVG 在 ${qrDir}）:
${links}

工作台（街道/部门/督办）: ${stack.webUrl}/pages-staff/login/index
接线员登记台（12345/110/信访，用 desk-operator 登录）: ${stack.webUrl}/pages-staff/desk/index
我的诉求:               ${stack.webUrl}/pages/mine/index
没有二维码（附近/搜索地点）: ${stack.webUrl}/pages/report/index
通知发件箱（开发用）:     ${stack.webUrl}/dev/outbox
运行状态（巡检与通知心跳、工作日历覆盖年份）: ${stack.webUrl}/api/health
API:                    ${stack.apiUrl}/api  （DynamoDB Local: ${stack.dynamoEndpoint}，照片存储 S3 替身: ${stack.s3Endpoint}）

演示账号（账号 / 密码）:
${staff}

时限监控（sweeper）每分钟运行一次；演示数据里有刚超时和即将超时的诉求。
`);
}

main().catch((err: unknown) => {
  console.error(`启动失败: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
