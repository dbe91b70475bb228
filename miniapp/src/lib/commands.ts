import { checkCommand, type CommandCheck } from '@mashang/shared/commands/validate';
import type { CommandType, Rating } from '@mashang/shared/ticket';

/** The commands a handler can issue from the staff ticket page, in the order the buttons appear. */
export const STAFF_ACTIONS = [
  'respond',
  'dispatch',
  'accept',
  'resolve',
  'follow_up',
  'return',
  'escalate',
  'request_extension',
  'decide_extension',
  'urge',
  'reject',
  'merge',
  'hand_over',
  'caller_join',
] as const satisfies readonly CommandType[];
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The values of the action form; each command reads the ones it needs. */
export interface ActionForm {
  via: 'call' | 'message' | 'visit';
  note: string;
  reason: string;
  feedback: string;
  result: Rating;
  workingDays: string;
  unitId: string;
  categoryCode: string;
  intoTicketId: string;
  approve: boolean;
  /** The note is for the resident too (shown in their timeline); notes are internal otherwise. */
  forResident: boolean;
  /** 转交: the colleague's account. */
  toStaffId: string;
  /** Resolve: storage keys of the uploaded resolution photos. */
  photos: readonly string[];
  /** 来电附议: how the caller reached the desk, and the 12345 work-order number. */
  channel: DeskChannel;
  workOrderNo: string;
}

/** The desk's channels a caller may come through (来电附议). */
export const CALLER_CHANNELS = ['hotline_12345', 'police_110', 'letter', 'visit'] as const;
export type DeskChannel = (typeof CALLER_CHANNELS)[number];

export const EMPTY_ACTION_FORM: ActionForm = {
  via: 'call',
  note: '',
  reason: '',
  feedback: '',
  result: 'satisfied',
  workingDays: '3',
  unitId: '',
  categoryCode: '',
  intoTicketId: '',
  approve: true,
  forResident: false,
  toStaffId: '',
  photos: [],
  channel: 'hotline_12345',
  workOrderNo: '',
};

const optionalNote = (note: string): { note?: string } => (note.trim() ? { note: note.trim() } : {});
/** A note marked for the resident (an empty note has nothing to show). */
const noteFor = (form: ActionForm): { note?: string; forResident?: true } => ({ ...optionalNote(form.note), ...(form.forResident && form.note.trim() ? { forResident: true as const } : {}) });

/**
 * The command for `action` from the form, checked with the shared CommandSchema (the rules the
 * API parses it with: required fields, lengths, "a message needs its text"); or field messages
 * (keyed by form field) to show next to the inputs. This only maps the form's values to a
 * command; it has no rules of its own.
 */
export function buildCommand(action: StaffAction, form: ActionForm): CommandCheck {
  return checkCommand(candidateOf(action, form));
}

function candidateOf(action: StaffAction, form: ActionForm): Record<string, unknown> & { type: StaffAction } {
  switch (action) {
    case 'respond':
      // A message's text is for the resident anyway; a call's or visit's note is internal unless marked.
      return { type: 'respond', via: form.via, ...(form.via === 'message' ? optionalNote(form.note) : noteFor(form)) };
    case 'dispatch':
      return { type: 'dispatch', unitId: form.unitId, ...(form.categoryCode ? { categoryCode: form.categoryCode } : {}), ...noteFor(form) };
    case 'accept':
      return { type: 'accept', ...noteFor(form) };
    case 'return':
    case 'escalate':
    case 'reject':
      return { type: action, reason: form.reason };
    case 'resolve':
      return { type: 'resolve', feedback: form.feedback, ...(form.photos.length ? { photos: [...form.photos] } : {}) };
    case 'follow_up':
      return { type: 'follow_up', result: form.result, ...noteFor(form) };
    case 'request_extension':
      // An empty or non-numeric entry is not a whole number of days: the schema says so.
      return { type: 'request_extension', workingDays: form.workingDays.trim() ? Number(form.workingDays) : Number.NaN, reason: form.reason };
    case 'decide_extension':
      return { type: 'decide_extension', approve: form.approve, ...optionalNote(form.note) };
    case 'urge':
      return { type: 'urge', note: form.note };
    case 'merge':
      return { type: 'merge', intoTicketId: form.intoTicketId.trim() };
    case 'hand_over':
      return { type: 'hand_over', toStaffId: form.toStaffId, note: form.note };
    case 'caller_join':
      // Only a 12345 call carries a work-order number.
      return { type: 'caller_join', channel: form.channel, ...(form.channel === 'hotline_12345' && form.workOrderNo.trim() ? { workOrderNo: form.workOrderNo.trim() } : {}), ...optionalNote(form.note) };
  }
}

/** The staff actions the API offers on this ticket, in button order. */
export function offeredActions(actions: readonly string[]): StaffAction[] {
  return STAFF_ACTIONS.filter((a) => actions.includes(a));
}
