import type { Actor } from '../org.ts';
import { COMMAND_LABELS, RULES, STATUS_LABELS, type Command, type CommandType, type DecideContext, type Decision, type Ticket } from '../ticket.ts';
import type { Instant } from '../time.ts';
import { closing } from './closing.ts';
import { desk } from './desk.ts';
import { ending } from './ending.ts';
import { fail, type CommandHandler, type CommandHandlers } from './kit.ts';
import { routing } from './routing.ts';
import { supervision } from './supervision.ts';
import { working } from './working.ts';

/**
 * The ticket (诉求) state machine: one function per command, in a table keyed by command
 * type. `decide` checks who may issue the command and from which status (`RULES`), then
 * hands it to its function; the command's fields were checked once, by `CommandSchema`.
 */
export const COMMAND_HANDLERS = {
  ...working,
  ...routing,
  ...ending,
  ...closing,
  ...supervision,
  ...desk,
} as const satisfies CommandHandlers;

/**
 * Applies `command` by `actor` at `now`. Throws {@link AppError} with
 * `WRONG_STATE` (409) or `FORBIDDEN` (403) when the command does not fit;
 * the ticket passed in is never mutated.
 */
export function decide(ticket: Ticket, command: Command, actor: Actor, now: Instant, ctx: DecideContext): Decision {
  const rule = RULES[command.type];
  const label = COMMAND_LABELS[command.type];
  if (!rule.roles.includes(actor.role)) fail('FORBIDDEN', `当前身份不能${label}`);
  if (!rule.from.includes(ticket.status)) fail('WRONG_STATE', `诉求当前状态为“${STATUS_LABELS[ticket.status]}”，不能${label}`);
  return handlerOf(command.type)(ticket, command as never, { ...ctx, actor, now });
}

/** The function for one command type: indexing the mapped type with `K` gives `CommandHandler<K>`. */
function handlerOf<K extends CommandType>(type: K): CommandHandler<K> {
  const table: CommandHandlers = COMMAND_HANDLERS;
  return table[type];
}
