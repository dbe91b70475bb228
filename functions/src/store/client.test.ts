import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocClient, SDK_LOGGER_MIDDLEWARE } from './client.ts';

// A stand-in DynamoDB endpoint on loopback: every call gets an empty JSON reply (GetItem: no item; PutItem: done).
let server: Server;
let endpoint: string;
let calls = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createDocClient', () => {
  it('has no SDK logger middleware: no masked copy of each call is built for the no-op logger', async () => {
    const db = createDocClient({ tableName: 't', endpoint });
    expect(db.middlewareStack.identify().some((m) => m.startsWith(SDK_LOGGER_MIDDLEWARE))).toBe(false);
    const logger = db.config.logger;
    const info = vi.spyOn(logger, 'info');
    const error = vi.spyOn(logger, 'error');
    const before = calls;
    await db.send(new PutCommand({ TableName: 't', Item: { pk: 'A', sk: 'B', phone: '13900000000' } }));
    const got = await db.send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'B' } }));
    expect(calls - before).toBe(2);
    expect(got.Item).toBeUndefined();
    expect(info).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    db.destroy();
  });
});
