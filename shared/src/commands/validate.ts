import { issueMessage } from '../issue-message.ts';
import { CommandSchema, type Command } from '../ticket.ts';

/** A command that passed `CommandSchema`, or the first message for each field that did not. */
export type CommandCheck = { ok: true; command: Command } | { ok: false; fields: Record<string, string> };

/**
 * Checks a candidate command with `CommandSchema`, the same rules the API parses it with,
 * and keys the failures by the command's field (for a form to show next to its inputs).
 */
export function checkCommand(candidate: unknown): CommandCheck {
  const parsed = CommandSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, command: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!(key in fields)) fields[key] = issueMessage(issue);
  }
  return { ok: false, fields };
}
