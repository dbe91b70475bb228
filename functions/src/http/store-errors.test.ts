import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoreError, VersionConflictError, type StoreErrorReason } from '../ports/errors.ts';
import { STORE_ERROR_WORDS, toHttpError } from './http.ts';

describe('store errors: codes from the store, words from the error mapper', () => {
  it('answers each store error with its code, status and Chinese words', () => {
    for (const reason of Object.keys(STORE_ERROR_WORDS) as StoreErrorReason[]) {
      const err = new StoreError(reason);
      const res = toHttpError(err);
      const body = JSON.parse(res.body) as { error: { code: string; message: string; fields?: unknown } };
      expect(res.statusCode).toBe(err.status);
      expect(body.error.code).toBe(err.code);
      expect(body.error.message).toBe(STORE_ERROR_WORDS[reason].message);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('maps a lost race to 409 CONFLICT in words people read, and a bad cursor to its field', () => {
    expect(JSON.parse(toHttpError(new VersionConflictError()).body)).toEqual({ error: { code: 'CONFLICT', message: '该诉求刚被其他人处理过，请刷新后重试' } });
    expect(JSON.parse(toHttpError(new StoreError('bad_cursor')).body)).toEqual({ error: { code: 'VALIDATION_FAILED', message: '分页参数无效', fields: [{ path: 'cursor', message: '分页参数无效' }] } });
  });

  it('keeps people\'s words out of the stores: no store file builds an AppError', () => {
    const dir = new URL('../store/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/new AppError\(/);
  });
});
