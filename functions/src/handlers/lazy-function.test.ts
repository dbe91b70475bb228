import { describe, expect, it, vi } from 'vitest';
import { json, type HttpEvent } from '../http/http.ts';
import { lazyHttpFunction, lazyModule } from './lazy-function.ts';

const event = (routeKey: string): HttpEvent => ({ routeKey, requestContext: { http: { method: 'GET', path: '/x' }, requestId: 'lazy-test' } });

describe('lazyModule', () => {
  it('imports once, however many calls wait for it', async () => {
    const load = vi.fn(async () => ({ n: 1 }));
    const get = lazyModule(load);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    await get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed import instead of keeping the failure', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk missing')).mockResolvedValueOnce({ n: 2 });
    const get = lazyModule(load as () => Promise<{ n: number }>);
    await expect(get()).rejects.toThrow('chunk missing');
    await expect(get()).resolves.toEqual({ n: 2 });
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('lazyHttpFunction', () => {
  it('loads the route module on the first request, not before, and routes every request through it', async () => {
    const route = vi.fn(async (e: HttpEvent) => json(200, { route: e.routeKey }));
    const load = vi.fn(async () => ({ routes: {}, route }));
    const { handler } = lazyHttpFunction(load);
    expect(load).not.toHaveBeenCalled();
    expect(JSON.parse((await handler(event('GET /a'))).body)).toEqual({ route: 'GET /a' });
    expect((await handler(event('GET /b'))).statusCode).toBe(200);
    expect(load).toHaveBeenCalledTimes(1);
    expect(route).toHaveBeenCalledTimes(2);
  });

  it('answers a failed load with the JSON 500 of a server fault, and the next request loads again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const route = vi.fn(async () => json(200, { ok: true }));
    const load = vi.fn().mockRejectedValueOnce(new Error('Cannot find module chunks/x.mjs')).mockResolvedValueOnce({ routes: {}, route });
    const { handler } = lazyHttpFunction(load as Parameters<typeof lazyHttpFunction>[0]);
    const first = await handler(event('GET /a'));
    expect(first.statusCode).toBe(500);
    expect(JSON.parse(first.body)).toEqual({ error: expect.objectContaining({ code: 'INTERNAL' }) });
    expect((await handler(event('GET /a'))).statusCode).toBe(200);
    error.mockRestore();
  });
});
