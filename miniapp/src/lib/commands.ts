import { CommandSchema, type Command, type CommandType, type Rating } from '@mashang/shared/ticket';

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
}

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
};

const optionalNote = (note: string): { note?: string } => (note.trim() ? { note: note.trim() } : {});
/** A note marked for the resident (an empty note has nothing to show). */
const noteFor = (form: ActionForm): { note?: string; forResident?: true } => ({ ...optionalNote(form.note), ...(form.forResident && form.note.trim() ? { forResident: true as const } : {}) });

/**
 * The command for `action` from the form, validated with the shared CommandSchema;
 * or field messages (keyed by form field) to show next to the inputs.
 */
export function buildCommand(action: StaffAction, form: ActionForm): { ok: true; command: Command } | { ok: false; fields: Record<string, string> } {
  let candidate: unknown;
  switch (action) {
    case 'respond':
      // An in-app message is the contact itself: it needs its text.
      if (form.via === 'message' && !form.note.trim()) return { ok: false, fields: { note: '请填写发送给群众的消息' } };
      candidate = { type: 'respond', via: form.via, ...(form.via === 'message' ? optionalNote(form.note) : noteFor(form)) };
      break;
    case 'dispatch':
      if (!form.unitId) return { ok: false, fields: { unitId: '请选择承办单位' } };
      candidate = { type: 'dispatch', unitId: form.unitId, ...(form.categoryCode ? { categoryCode: form.categoryCode } : {}), ...noteFor(form) };
      break;
    case 'accept':
      candidate = { type: 'accept', ...noteFor(form) };
      break;
    case 'return':
    case 'escalate':
    case 'reject':
      candidate = { type: action, reason: form.reason };
      break;
    case 'resolve':
      candidate = { type: 'resolve', feedback: form.feedback, ...(form.photos.length ? { photos: [...form.photos] } : {}) };
      break;
    case 'follow_up':
      candidate = { type: 'follow_up', result: form.result, ...noteFor(form) };
      break;
    case 'request_extension': {
      const days = Number(form.workingDays);
      if (!Number.isInteger(days) || days < 1 || days > 20) return { ok: false, fields: { workingDays: '延期天数须为1到20个工作日' } };
      candidate = { type: 'request_extension', workingDays: days, reason: form.reason };
      break;
    }
    case 'decide_extension':
      candidate = { type: 'decide_extension', approve: form.approve, ...optionalNote(form.note) };
      break;
    case 'urge':
      if (form.note.trim().length < 2) return { ok: false, fields: { note: '请填写督办意见（至少2个字）' } };
      candidate = { type: 'urge', note: form.note.trim() };
      break;
    case 'merge':
      if (!form.intoTicketId.trim()) return { ok: false, fields: { intoTicketId: '请填写要合并到的诉求编号' } };
      candidate = { type: 'merge', intoTicketId: form.intoTicketId.trim() };
      break;
    case 'hand_over':
      if (!form.toStaffId) return { ok: false, fields: { toStaffId: '请选择转交给哪位同事' } };
      candidate = { type: 'hand_over', toStaffId: form.toStaffId, note: form.note.trim() };
      break;
  }
  const parsed = CommandSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, command: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!(key in fields)) fields[key] = issue.message;
  }
  return { ok: false, fields };
}

/** The staff actions the API offers on this ticket, in button order. */
export function offeredActions(actions: readonly string[]): StaffAction[] {
  return STAFF_ACTIONS.filter((a) => actions.includes(a));
}
