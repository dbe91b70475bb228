import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { HttpRequest } from '@smithy/core/protocols';
import { isServerError, isThrottlingError, isTransientError, type StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler, streamCollector } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpResponse, RetryErrorType } from '@smithy/types';

/**
 * What the signed adapters (./s3-signed.ts, ./secrets-signed.ts) share: requests signed by the
 * AWS SDK's own Signature V4 signer and sent by its Node HTTP handler with its standard retry
 * strategy and credential chain, parts the DynamoDB client already loads, instead of a service's
 * SDK client (issue #9, cold start).
 */

/** Sends a signed request: the SDK's Node HTTP handler, or one given (tests capture requests with it). */
export interface RequestHandler {
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
}

/** A reply as it came: status, headers with lower-case names, the whole body. */
export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Regions of the aws partition (and GovCloud) and of aws-cn (`cn-*`); the ISO and EU sovereign partitions have other domains. */
const REGION = /^(?:[a-z]{2}|us-gov)-[a-z]+-\d+$/;

/** `<prefix>.<region>.amazonaws.com` (`.com.cn` in China); a region of another partition is refused. */
export function awsHostname(prefix: string, region: string): string {
  if (!REGION.test(region)) throw new Error(`AWS region "${region}" is not one of the aws or aws-cn partitions`);
  return `${prefix}.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

/** Fixed keys (tests, local stand-ins), else the default credential chain (Lambda: its role's keys in the environment). */
export const credentialsOf = (fixed?: AwsCredentialIdentity): AwsCredentialIdentityProvider => (fixed ? async () => fixed : defaultProvider());

/** The retry class of an error, as the SDK's retry middleware classifies it. */
function retryErrorType(err: Parameters<typeof isThrottlingError>[0]): RetryErrorType {
  if (isThrottlingError(err)) return 'THROTTLING';
  if (isTransientError(err)) return 'TRANSIENT';
  if (isServerError(err)) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

/**
 * Runs `attempt` until it succeeds or the SDK's standard retry strategy gives up (it waits the
 * backoff itself); `final` errors are thrown at once.
 */
export async function retried<T>(retry: StandardRetryStrategy, scope: string, attempt: () => Promise<T>, final: (err: unknown) => boolean = () => false): Promise<T> {
  let token = await retry.acquireInitialRetryToken(scope);
  for (;;) {
    try {
      const result = await attempt();
      retry.recordSuccess(token);
      return result;
    } catch (err) {
      if (final(err)) throw err;
      try {
        token = await retry.refreshRetryTokenForRetry(token, { errorType: retryErrorType(err as Parameters<typeof isThrottlingError>[0]) });
      } catch {
        throw err;
      }
    }
  }
}

/** Sends a signed request with `handler` (the SDK's Node HTTP handler when none) and reads the whole reply. */
export async function exchange(handler: RequestHandler | undefined, signed: HttpRequest): Promise<RawReply> {
  const { response } = await (handler ?? nodeHandler()).handle(signed);
  return {
    status: response.statusCode,
    headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: response.body ? await streamCollector(response.body) : new Uint8Array(),
  };
}

let shared: NodeHttpHandler | undefined;
const nodeHandler = () => (shared ??= new NodeHttpHandler());
