import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { ELDER_KEY, elderMode } from './elder.ts';

/** WeChat's font-size setting (px), weapp only: getAppBaseInfo on newer base libraries, getSystemInfoSync before. */
function wechatFontSize(): number | undefined {
  // A block the H5 build drops whole (webpack removes a branch whose condition is a constant, not
  // the code after an early return): so H5 does not bundle Taro's getSystemInfo and its browser
  // detection library (≈ 6 KB compressed on the resident's first page).
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const info = (Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeSetting?: number };
      return info.fontSizeSetting;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const listeners = new Set<(on: boolean) => void>();

function read(): boolean {
  try {
    return elderMode(Taro.getStorageSync(ELDER_KEY), wechatFontSize());
  } catch {
    return false;
  }
}

/** Elderly mode and its switch: remembered on this phone and applied to every mounted page at once. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(read);
  useEffect(() => {
    listeners.add(setOn);
    // Another page may have switched it while this one was hidden.
    setOn(read());
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  const set = useCallback((next: boolean) => {
    try {
      Taro.setStorageSync(ELDER_KEY, next ? '1' : '0');
    } catch {
      // storage full or disabled: the mode still applies to this visit
    }
    for (const l of listeners) l(next);
  }, []);
  return [on, set];
}
