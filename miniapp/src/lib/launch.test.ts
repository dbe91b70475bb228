import { describe, expect, it } from 'vitest';
import { asLocationId, lastPathSegment, locationIdFromParams, locationIdFromPath, safeDecode } from './launch.ts';

describe('locationIdFromParams', () => {
  it('reads the scene of a 小程序码 printed on an admin poster', () => {
    expect(locationIdFromParams({ scene: 'loc-3f2a9c10' })).toBe('loc-3f2a9c10');
    expect(locationIdFromParams({ scene: 'not a location!' })).toBeUndefined();
  });

  it.each([
    ['loc from our own link', { loc: 'zhangye-138' }, 'zhangye-138'],
    ['WeChat plain-link QR code: q is the encoded full URL', { q: encodeURIComponent('https://mashang.example.cn/q/zhangye-138') }, 'zhangye-138'],
    ['q with a trailing slash, query and hash', { q: encodeURIComponent('https://host/q/zhangye-138/?from=poster#x') }, 'zhangye-138'],
    ['q encoded twice', { q: encodeURIComponent(encodeURIComponent('https://host/q/abc-1')) }, 'abc-1'],
    ['q already decoded', { q: 'https://host/q/abc-1' }, 'abc-1'],
    ['q pointing at the report page with loc', { q: encodeURIComponent('https://host/pages/report/index?loc=abc-1') }, 'abc-1'],
    ['loc wins over q', { loc: 'first-1', q: encodeURIComponent('https://host/q/second-2') }, 'first-1'],
    ['upper case is normalised', { loc: 'ABC-12' }, 'abc-12'],
    ['scancode_time alongside q is ignored', { q: encodeURIComponent('https://host/q/abc-1'), scancode_time: '1700000000' }, 'abc-1'],
  ])('%s', (_name, params, expected) => {
    expect(locationIdFromParams(params)).toBe(expected);
  });

  it.each([
    ['nothing', {}],
    ['an id with characters a location id cannot have', { loc: '../etc/passwd' }],
    ['a q link with no path', { q: encodeURIComponent('https://host/') }],
    ['a too short id', { loc: 'ab' }],
    ['malformed percent-encoding', { q: '%E0%A4%A' }],
  ])('gives undefined for %s', (_name, params) => {
    expect(locationIdFromParams(params)).toBeUndefined();
  });
});

describe('helpers', () => {
  it('takes the last path segment of a URL or a path', () => {
    expect(lastPathSegment('https://host/q/abc-1?x=1')).toBe('abc-1');
    expect(lastPathSegment('/q/abc-1/')).toBe('abc-1');
    expect(lastPathSegment('https://host')).toBeUndefined();
  });

  it('reads /q/<id> browser paths only', () => {
    expect(locationIdFromPath('/q/abc-1')).toBe('abc-1');
    expect(locationIdFromPath('/q/abc-1/')).toBe('abc-1');
    expect(locationIdFromPath('/pages/report/index')).toBeUndefined();
    expect(locationIdFromPath(undefined)).toBeUndefined();
  });

  it('never throws on bad percent-encoding', () => {
    expect(safeDecode('%E0%A4%A')).toBe('%E0%A4%A');
    expect(asLocationId('%61bc-1')).toBe('abc-1');
  });
});
