import { maskPhone } from '@mashang/shared/mask';

/** Where the phone remembers the resident's number for the next urgent report (on this phone only). */
export const PHONE_KEY = 'mashang.phone';

/**
 * What happens after an urgent report, said honestly: who was told, within how many
 * minutes they must call and which number, and what the resident can do meanwhile.
 */
export function urgentNextSteps(opts: { centreName: string; respondMinutes: number; phone?: string }): string {
  const told = `已按紧急诉求处理：已通知${opts.centreName}`;
  const call = opts.phone
    ? `，工作人员须在${opts.respondMinutes}分钟内拨打 ${maskPhone(opts.phone)} 与您联系。`
    : `。您没有留电话，工作人员无法回电，请在“我的诉求”里查看处理进度。`;
  return `${told}${call}如有人受伤或危险正在发生，请立即拨打110。`;
}
