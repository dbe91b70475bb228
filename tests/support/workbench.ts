import { createDocClient } from '../../functions/src/store/client.ts';
import { InboxStore } from '../../functions/src/store/inbox.ts';
import { StaffStore } from '../../functions/src/store/staff.ts';
import type { WeChatLogin } from '../../functions/src/adapters/wechat.ts';
import { Workbench } from '../../functions/src/app/workbench.ts';
import { DeskEntry } from '../../functions/src/app/filing/desk.ts';
import { SearchStore } from '../../functions/src/store/search.ts';
import type { Harness } from './harness.ts';

/** A stand-in for WeChat's code2Session: the code `wx:<name>` is the user `openid-<name>`. */
export const fakeWechat: WeChatLogin = {
  async code2Session(code: string) {
    const m = /^wx:([a-z0-9-]+)$/.exec(code);
    if (!m) throw new Error(`unexpected code ${code}`);
    return { openid: `openid-${m[1]}` };
  },
};

/** The workbench use cases on a harness's table, with the harness's clock and service (`null`: no WeChat configured). */
export function workbenchOf(h: Harness, wechat: WeChatLogin | null = fakeWechat): { workbench: Workbench; inbox: InboxStore; staff: StaffStore } {
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const inbox = new InboxStore(db, h.tableName);
  const staff = new StaffStore(db, h.tableName);
  const desk = new DeskEntry({ visibility: h.service, search: new SearchStore(db, h.tableName) });
  const workbench = new Workbench({ service: h.service, tickets: h.tickets, inbox, staff, org: h.org, now: h.clock.now, wechat: wechat ?? undefined, desk });
  return { workbench, inbox, staff };
}
