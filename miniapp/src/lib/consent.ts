import Taro from '@tarojs/taro';

/**
 * WeChat subscription consent (订阅消息): in the mini-program, ask the resident
 * right at the tap whether they want progress messages; each acceptance lets
 * the backend send one message. Must run inside the tap handler, before any
 * network call. Anywhere else (H5) there is nothing to ask.
 */
export async function askConsent(templateIds: string[]): Promise<string[]> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return [];
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    return templateIds.filter((id) => res[id] === 'accept');
  } catch {
    // Refused for good ("ban"), switched off in settings, or an old WeChat: file the request anyway.
    return [];
  }
}
