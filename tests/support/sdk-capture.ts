import { Readable } from 'node:stream';
import type { HttpRequest } from '@smithy/core/protocols';
import type { FinalizeRequestMiddleware, HttpResponse } from '@smithy/types';

/**
 * For the tests that hold our signed adapters (functions/src/adapters/s3-signed.ts,
 * secrets-signed.ts) to the AWS SDK client's requests: a request handler that keeps what would be
 * sent instead of sending it and answers with `answer` (200 with an empty body unless it says
 * otherwise), for the SDK's client and for ours alike.
 */
export const capturing = (captured: HttpRequest[], answer: () => Partial<HttpResponse>) => ({
  handle: async (request: HttpRequest) => {
    captured.push(request);
    return { response: { statusCode: 200, headers: {}, body: Readable.from([]), ...answer() } as HttpResponse };
  },
});

/**
 * The SDK client with its bookkeeping headers taken off before it signs (user agent, invocation
 * id, attempt count, and `extra`), headers our adapters do not send, so both sign the same headers.
 */
export function withoutBookkeeping<C extends { middlewareStack: { addRelativeTo(m: never, o: object): void } }>(client: C, extra: string[] = []): C {
  const strip: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
    const headers = (args.request as HttpRequest).headers;
    for (const h of ['user-agent', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request', ...extra]) delete headers[h];
    return next(args);
  };
  client.middlewareStack.addRelativeTo(strip as never, { name: 'withoutBookkeeping', relation: 'before', toMiddleware: 'httpSigningMiddleware' });
  return client;
}
