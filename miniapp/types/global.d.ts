/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

/** API origin, set by config/index.ts: '' on H5 (same origin), an absolute URL on weapp. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** Absolute API origin baked into the weapp build, e.g. https://api.example.cn */
    TARO_APP_API_BASE?: string;
  }
}
