import { AppError, decide, dispatchTargetAllowed, fromEpochMs, inCommandScope, noteAfterCommand, wasInvolved, type Actor, type Command, type Ticket, type TicketDetail } from '@mashang/shared';
import type { SideWrite, TicketReads, TicketWrites } from '../../ports/tickets.ts';
import type { OrgStore } from '../../store/org.ts';
import { handOverTarget } from './hand-over.ts';
import { mergeLinks } from './merge.ts';
import { photoTagWrites } from '../photos/photo-tags.ts';
import type { VerifiedPhotos } from '../photos/photos.ts';
import { categoryPolicyOf, type Reference, type ReferenceData } from '../reference.ts';
import { withSeq, type TicketReading } from '../reading/tickets.ts';
import type { Visibility } from '../visibility.ts';

export interface CommandDeps {
  tickets: Pick<TicketReads, 'get' | 'getWithEvents'> & Pick<TicketWrites, 'save'>;
  now: () => number;
  /** Staff accounts: 转交 reads the colleague's (hand-over.ts). */
  org: Pick<OrgStore, 'staff'>;
  reference: Pick<ReferenceData, 'ref' | 'category'>;
  visibility: Pick<Visibility, 'canSee'>;
  reading: Pick<TicketReading, 'detail'>;
  /** Feedback photos must be the actor's own uploads (functions/src/app/photos/photos.ts). */
  verifiedPhotos: (actor: Actor, keys: readonly string[]) => Promise<VerifiedPhotos>;
  /** Risk early warning on a reopening. */
  risk?: { writesFor(trigger: 'reopened', ticket: Ticket, texts: string[]): Promise<SideWrite[]> };
  ratingWindowDays?: number;
}

/** Applies a command: unit scope here, role and status in the pure state machine, version in the store. */
export async function runCommand(deps: CommandDeps, actor: Actor, id: string, command: Command, expectedVersion?: number): Promise<TicketDetail> {
  // One query reads the ticket and its history: the history answers "was this actor involved"
  // and, with the new events appended, makes the reply without reading again after the write.
  const found = await deps.tickets.getWithEvents(id);
  const ticket = found?.ticket;
  const stale = ticket !== undefined && expectedVersion !== undefined && expectedVersion !== ticket.version;
  if (!ticket || !(await deps.visibility.canSee(actor, ticket))) {
    // A colleague's change (a return, an escalation) may just have moved the request out of the
    // actor's units: for a unit that worked on it that is a lost race (409); for anybody else, missing.
    const lostRace = stale && wasInvolved(found?.events ?? [], actor, (await deps.reference.ref()).units);
    throw lostRace ? new AppError('CONFLICT', '该诉求刚被其他人处理过，已转至其他单位') : new AppError('TICKET_NOT_FOUND', '未找到该诉求');
  }
  if (stale) throw new AppError('CONFLICT', '该诉求刚被其他人处理过，请刷新后重试');
  const ref = await deps.reference.ref();
  await checkUnitScope(deps, actor, ticket, command, ref);
  // Feedback photos must be the actor's own uploads, like a resident's.
  let untagged: string[] = [];
  if (command.type === 'resolve' && command.photos?.length) {
    const verified = await deps.verifiedPhotos(actor, command.photos);
    command = { ...command, photos: verified.keys };
    untagged = verified.untagged;
  }
  const now = fromEpochMs(deps.now());
  // 转交: the colleague's account, read here so the pure state machine can check it (hand-over.ts).
  const handOverTo = command.type === 'hand_over' ? await handOverTarget(deps.org, command.toStaffId) : undefined;
  const decided = decide(ticket, command, actor, now, {
    handOverTo,
    calendar: ref.calendar,
    categoryPolicy: categoryPolicyOf(ref.categories),
    parentUnitId: ref.units.get(ticket.currentUnitId)?.parentId,
    ratingWindowDays: deps.ratingWindowDays,
  });
  // A reopening, extension or re-classification recomputes working-day deadlines: 预计 follows the calendar used.
  const decision = { ...decided, ticket: noteAfterCommand(ticket, decided.ticket, ref.calendar) };
  // Merging a duplicate also changes its target, in the same write (see merge.ts).
  const linked = command.type === 'merge' ? await mergeLinks(deps.tickets, (t) => deps.visibility.canSee(actor, t), actor, decision.ticket, command.intoTicketId, now) : [];
  // Risk early warning on a reopening (functions/src/app/supervision/risk.ts), in the same write.
  const risk = command.type === 'reopen' && deps.risk ? await deps.risk.writesFor('reopened', decision.ticket, [command.reason]) : [];
  // Feedback photos whose tagging failed above: the dispatcher tags them after the write (../photo-tags.ts).
  const photoTags = photoTagWrites(decision.ticket, decision.ticket.updatedAt, untagged);
  await deps.tickets.save(ticket, decision, [...linked, ...risk, ...photoTags]);
  // The reply shows the result even when the command moved the ticket out of the actor's sight (a return).
  return deps.reading.detail(decision.ticket, [...found!.events, ...withSeq(decision, ticket.eventCount + 1)], actor);
}

async function checkUnitScope(deps: Pick<CommandDeps, 'reference'>, actor: Actor, ticket: Ticket, command: Command, ref: Reference): Promise<void> {
  if (actor.role === 'resident') return; // ownership was checked by canSee; the state machine checks the rest
  // The office that coordinates a request may record its return visit after the department resolved it.
  if (!inCommandScope(ticket, command.type, actor.unitId, ref.units)) throw new AppError('FORBIDDEN', '该诉求不在本单位办理范围内');
  if (command.type === 'dispatch') {
    const target = ref.units.get(command.unitId);
    if (!target || target.disabled) throw new AppError('UNIT_NOT_FOUND', '承办单位不存在', [{ path: 'command.unitId', message: '请选择有效的承办单位' }]);
    const from = ref.units.get(ticket.currentUnitId);
    if (from && target.id !== from.id && !dispatchTargetAllowed(target, from)) {
      throw new AppError('FORBIDDEN', '只能派单给本辖区的社区（村）或本区的职能部门', [{ path: 'command.unitId', message: '该单位不在本辖区' }]);
    }
    if (command.categoryCode && !ref.categories.has(command.categoryCode)) await deps.reference.category(command.categoryCode);
  }
}
