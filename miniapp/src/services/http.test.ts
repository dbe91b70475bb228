import { describe, expect, it } from 'vitest';
import { LocationViewSchema } from '@mashang/shared/contracts/common';
import { ApiError, errorFromReply, fieldMap, interpretReply, networkError, queryString, toApiError } from './http.ts';

const location = { id: 'abc-1', name: '张掖路138号', gridName: '第三网格', communityName: '张掖路社区', centreName: '张掖路街道综治中心' };

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('interpretReply', () => {
  it('returns the parsed body of a 2xx reply', () => {
    expect(interpretReply(200, location, LocationViewSchema)).toEqual(location);
  });

  it('parses a body that arrived as JSON text', () => {
    expect(interpretReply(200, JSON.stringify(location), LocationViewSchema)).toEqual(location);
  });

  it('rejects a 2xx body that breaks the contract instead of rendering it', () => {
    const err = caught(() => interpretReply(200, { id: 'abc-1' }, LocationViewSchema));
    expect(err).toMatchObject({ status: 200, code: 'BAD_REPLY' });
    expect(err.message).toMatch(/格式有误/);
  });

  it('maps an error reply to its status, code, Chinese message and fields', () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: [{ path: 'description', message: '请至少用5个字描述问题' }] } };
    const err = caught(() => interpretReply(400, body, LocationViewSchema));
    expect(err).toMatchObject({ name: 'ApiError', status: 400, code: 'VALIDATION_FAILED', message: '提交的内容有误' });
    expect(err.fieldMap()).toEqual({ description: '请至少用5个字描述问题' });
  });

  it('keeps the stable code of a 404 so the page can say the QR code is unknown', () => {
    const err = caught(() => interpretReply(404, { error: { code: 'LOCATION_NOT_FOUND', message: '未找到该地点' } }, LocationViewSchema));
    expect(err.code).toBe('LOCATION_NOT_FOUND');
    expect(err.status).toBe(404);
  });
});

describe('errorFromReply without an error body', () => {
  it.each([
    [401, 'UNAUTHENTICATED', '登录已失效，请重新登录'],
    [404, 'NOT_FOUND', '请求的服务不存在（404），请稍后再试'],
    [409, 'CONFLICT', '诉求已被他人更新，请刷新后再试'],
    [502, 'INTERNAL', '服务暂时不可用，请稍后再试'],
  ])('%i → %s', (status, code, message) => {
    expect(errorFromReply(status, '<html>Bad Gateway</html>')).toMatchObject({ status, code, message, fields: [] });
  });
});

describe('other failures', () => {
  it('a request with no reply is a network error in Chinese', () => {
    expect(networkError({ errMsg: 'request:fail timeout' })).toMatchObject({ status: 0, code: 'TIMEOUT' });
    expect(networkError(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
  });

  it('toApiError passes ApiErrors through and wraps anything else', () => {
    const e = new ApiError(409, 'WRONG_STATE', '状态已变化');
    expect(toApiError(e)).toBe(e);
    expect(toApiError('boom')).toMatchObject({ code: 'CLIENT', message: '出错了，请稍后再试' });
  });

  it('fieldMap keys by the first path segment and keeps the first message', () => {
    const fields = [{ path: 'command.reason', message: 'A' }, { path: 'command.reason', message: 'B' }, { path: 'phone', message: 'C' }];
    expect(fieldMap(fields)).toEqual({ command: 'A', phone: 'C' });
    expect(fieldMap(fields, 'command.')).toEqual({ reason: 'A', phone: 'C' });
  });

  it('queryString encodes and skips empty values', () => {
    expect(queryString({ category: 'safety_hazard', cursor: undefined })).toBe('?category=safety_hazard');
    expect(queryString({ cursor: 'a b&c' })).toBe('?cursor=a%20b%26c');
    expect(queryString({ cursor: '' })).toBe('');
  });
});
