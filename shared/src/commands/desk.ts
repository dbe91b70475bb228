import { CHANNEL_LABELS } from '../ticket.ts';
import { change, type CommandHandler, type CommandHandlers } from './kit.ts';

/**
 * 来电附议, the operator desk's "me too": a caller (12345, 110, a letter, a visit) reports a
 * problem that is already filed and still open. Instead of a duplicate request, the desk adds
 * the caller to it: the count of people reporting it rises by one, as when a resident taps
 * 我也遇到 (shared/src/follow.ts), and the request's history records the channel (and the 12345
 * work-order number), never the caller's phone or name. The operator need not hold the request.
 */
export const callerJoin: CommandHandler<'caller_join'> = (ticket, command, { actor, now }) => {
  const c = change(ticket, actor, now);
  c.t.followerCount = ticket.followerCount + 1;
  c.event('joined', {
    ...(command.note ? { note: command.note } : {}),
    data: { followerCount: c.t.followerCount, channel: command.channel, channelLabel: CHANNEL_LABELS[command.channel], ...(command.workOrderNo ? { workOrderNo: command.workOrderNo } : {}) },
  });
  return c.done();
};

export const desk = { caller_join: callerJoin } as const satisfies Partial<CommandHandlers>;
