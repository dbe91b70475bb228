import { startLocalS3, type LocalS3 } from '../../infra/s3-local.ts';
import { TEST_SECRET, type Harness } from './harness.ts';

/**
 * For files that import the Lambda handlers in-process: starts an S3 stand-in for photos and
 * points the handlers' environment at the harness's table and that stand-in, with WeChat off
 * unless `extra` sets it. `name` names the bucket and keys (one file, one stand-in).
 */
export async function handlerEnvWithS3(h: Harness, name: string, stage: 'local' | 'test', extra: Record<string, string> = {}): Promise<LocalS3> {
  const keys = { accessKeyId: `${name}-key`, secretAccessKey: `${name}-secret-0123456789abcdef` };
  const s3 = await startLocalS3({ bucket: `mashang-photos-${name}`, ...keys });
  Object.assign(process.env, {
    STAGE: stage,
    TABLE_NAME: h.tableName,
    DYNAMO_ENDPOINT: h.endpoint,
    SESSION_SECRET: TEST_SECRET,
    PHOTO_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: keys.accessKeyId,
    S3_SECRET_ACCESS_KEY: keys.secretAccessKey,
    WECHAT_APP_ID: '',
    WECHAT_APP_SECRET: '',
    ...extra,
  });
  return s3;
}
