import { describe, expect, it, vi } from 'vitest';
import { AGREE_BUTTON_ID, PrivacyGate, privacyPurpose, type PrivacyHost, type PrivacyResolve, type PrivacyState } from './privacy.ts';

/** A stand-in for the part of `wx` the gate uses, recording what WeChat would see. */
function fakeWx(opts: { agreedBefore?: boolean } = {}) {
  let listener: ((resolve: PrivacyResolve, info?: { referrer?: string }) => void) | undefined;
  const registrations = vi.fn();
  let agreed = opts.agreedBefore ?? false;
  const host: PrivacyHost = {
    onNeedPrivacyAuthorization: (l) => {
      registrations();
      listener = l;
    },
    // Like WeChat: succeeds at once once agreed, else asks the app's listener and waits for its resolve.
    requirePrivacyAuthorize: ({ success, fail }) => {
      if (agreed) return success?.();
      listener!((r) => {
        if (r.event === 'agree') {
          agreed = true;
          success?.();
        } else if (r.event === 'disagree') fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
      }, { referrer: 'getLocation' });
    },
    openPrivacyContract: ({ success }) => success?.(),
  };
  return { host, registrations, trigger: (resolve: PrivacyResolve, referrer?: string) => listener!(resolve, { referrer }) };
}

describe('the privacy pop-up’s logic', () => {
  it('registers WeChat’s listener once, however many pages install it', () => {
    const wx = fakeWx();
    const gate = new PrivacyGate(wx.host);
    expect(gate.install()).toBe(true);
    expect(gate.install()).toBe(true);
    expect(wx.registrations).toHaveBeenCalledTimes(1);
  });

  it('opens when WeChat asks, reports the pop-up as shown, and answers agree with the agree button’s id', () => {
    const wx = fakeWx();
    const gate = new PrivacyGate(wx.host);
    gate.install();
    const seen: PrivacyState[] = [];
    gate.subscribe((s) => seen.push(s));
    const resolve = vi.fn<PrivacyResolve>();
    wx.trigger(resolve, 'chooseMedia');
    expect(gate.current).toEqual({ open: true, referrer: 'chooseMedia' });
    expect(resolve).toHaveBeenNthCalledWith(1, { event: 'exposureAuthorization' });
    gate.agree();
    expect(resolve).toHaveBeenNthCalledWith(2, { event: 'agree', buttonId: AGREE_BUTTON_ID });
    expect(gate.current.open).toBe(false);
    expect(seen.map((s) => s.open)).toEqual([false, true, false]);
  });

  it('answers every waiting API once with the resident’s refusal, and later choices touch none of them', () => {
    const wx = fakeWx();
    const gate = new PrivacyGate(wx.host);
    gate.install();
    const a = vi.fn<PrivacyResolve>();
    const b = vi.fn<PrivacyResolve>();
    wx.trigger(a, 'getLocation');
    wx.trigger(b, 'chooseMedia');
    gate.disagree();
    gate.agree();
    for (const r of [a, b]) {
      expect(r).toHaveBeenCalledTimes(2);
      expect(r).toHaveBeenLastCalledWith({ event: 'disagree' });
    }
  });

  it('require() waits for the pop-up: true after agreeing, false after declining, at once when agreed before', async () => {
    const wx = fakeWx();
    const gate = new PrivacyGate(wx.host);
    gate.install();
    const first = gate.require();
    expect(gate.current).toEqual({ open: true, referrer: 'getLocation' });
    gate.disagree();
    await expect(first).resolves.toBe(false);
    const second = gate.require();
    gate.agree();
    await expect(second).resolves.toBe(true);
    expect(gate.current.open).toBe(false);
    await expect(gate.require()).resolves.toBe(true);
    expect(gate.current.open).toBe(false);
  });

  it('does nothing in a browser (H5) or on a WeChat without the privacy API: never opens, require() allows', async () => {
    for (const host of [undefined, {} as PrivacyHost]) {
      const gate = new PrivacyGate(host);
      expect(gate.install()).toBe(false);
      const seen: PrivacyState[] = [];
      gate.subscribe((s) => seen.push(s));
      await expect(gate.require()).resolves.toBe(true);
      await expect(gate.openContract()).resolves.toBe(false);
      expect(seen).toEqual([{ open: false }]);
    }
  });

  it('opens the guide registered with WeChat', async () => {
    const gate = new PrivacyGate(fakeWx().host);
    await expect(gate.openContract()).resolves.toBe(true);
  });

  it('says what the asking API is for', () => {
    expect(privacyPurpose('getLocation')).toContain('位置');
    expect(privacyPurpose('chooseLocation')).toContain('位置');
    expect(privacyPurpose('chooseMedia')).toContain('照片');
    expect(privacyPurpose('getPhoneNumber')).toContain('电话');
    expect(privacyPurpose(undefined)).toContain('相机');
  });
});
