import Taro from '@tarojs/taro';
import { PrivacyGate, type PrivacyHost } from './privacy.ts';

/**
 * The app's one privacy gate (privacy.ts): in the mini-program it holds WeChat's
 * `onNeedPrivacyAuthorization` listener; in a browser (H5) it has no host, installs
 * nothing and never shows the pop-up.
 */
export const privacyGate = new PrivacyGate(
  process.env.TARO_ENV === 'weapp'
    ? ({
        onNeedPrivacyAuthorization: Taro.onNeedPrivacyAuthorization ? (l) => Taro.onNeedPrivacyAuthorization((resolve, info) => l(resolve, info)) : undefined,
        requirePrivacyAuthorize: Taro.requirePrivacyAuthorize ? (o) => Taro.requirePrivacyAuthorize(o) : undefined,
        openPrivacyContract: Taro.openPrivacyContract ? (o) => Taro.openPrivacyContract(o) : undefined,
      } satisfies PrivacyHost)
    : undefined,
);

/**
 * Call right before a privacy API (location, map, camera/album, phone): true when the resident
 * agreed to the privacy guide (or nothing needs agreeing: H5, old WeChat), false when declined.
 */
export function ensurePrivacy(): Promise<boolean> {
  privacyGate.install();
  return privacyGate.require();
}
