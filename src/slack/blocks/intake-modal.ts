import type { Intake } from '../../triage/model.js';
import { CALLBACKS, INTAKE_INPUTS } from '../action-ids.js';
import { context, pt, section } from '../compose.js';
import { oneLine, plain, truncate } from '../escape.js';
import { fitView, LIMITS } from '../limits.js';
import type { InputBlock, InputElement, ModalView, Option, ViewStateValues } from '../types.js';

export interface IntakeModalOptions {
  /** The user's offset from UTC in seconds (users.info `tz_offset`): the pickers show local time. Default 0 (UTC). */
  tzOffsetSeconds?: number;
  /** Opaque text handed back on submission (e.g. the channel to open the case in). At most 3,000 characters. */
  privateMetadata?: string;
}

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets. */
const ADDRESS_MAX = 254;
/** RFC 5322 §2.1.1: a line is at most 998 characters. */
const LINE_MAX = 998;

const SIDE_OPTIONS: Record<'recipient' | 'sender', Option> = {
  recipient: { text: pt("I'm the recipient"), value: 'recipient', description: pt('It was sent to me and I cannot find it') },
  sender: { text: pt("I'm the sender"), value: 'sender', description: pt('I sent it and they say it never came') },
};

/** The /whereismail form: what is known about the message, all optional. Submitted with callback_id `whereismail.intake`. */
export function intakeModal(prefill: Intake = {}, opts: IntakeModalOptions = {}): ModalView {
  const local = prefill.approxTime ? localParts(prefill.approxTime, opts.tzOffsetSeconds ?? 0) : undefined;
  const text = (key: 'sender' | 'recipient' | 'subject' | 'messageId', label: string, placeholder: string, hint: string, max: number): InputBlock =>
    input(key, label, hint, { type: 'plain_text_input', action_id: INTAKE_INPUTS[key].action, placeholder: pt(placeholder), max_length: max, ...initial(prefill[key], max) });
  const side = prefill.side ? { initial_option: SIDE_OPTIONS[prefill.side] } : {};
  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACKS.intake,
    title: pt('Where is my email?'),
    submit: pt('Open case'),
    close: pt('Cancel'),
    blocks: [
      section('Tell me what you know about the message. *Everything is optional* and a guess is fine: I ask the rest in the thread.'),
      input('side', 'Who is asking?', 'The questions differ: a recipient checks their mailbox first, a sender is asked for their copy.', {
        type: 'radio_buttons',
        action_id: INTAKE_INPUTS.side.action,
        options: [SIDE_OPTIONS.recipient, SIDE_OPTIONS.sender],
        ...side,
      }),
      text('sender', "Sender's address", 'name@example.com', 'The address it was sent from, as far as you know.', ADDRESS_MAX + 100),
      text('recipient', "Recipient's address", 'you@your-company.example', 'The address it was sent to.', ADDRESS_MAX + 100),
      text('subject', 'Subject', 'Invoice 2026-118', 'All of it or a part you remember.', LINE_MAX),
      input('date', 'Date it was sent', 'Roughly: the day is enough.', { type: 'datepicker', action_id: INTAKE_INPUTS.date.action, placeholder: pt('Pick a day'), ...(local ? { initial_date: local.date } : {}) }),
      input('time', 'Time it was sent', 'Roughly, in your own time zone.', { type: 'timepicker', action_id: INTAKE_INPUTS.time.action, placeholder: pt('Pick a time'), ...(local ? { initial_time: local.time } : {}) }),
      text('messageId', 'Message-ID', '<abc123@mail.example.com>', 'From the headers, if you have them: it finds the message exactly.', LINE_MAX),
      context(':paperclip: Have the message itself? After the case opens, paste its headers or upload the .eml in the thread.'),
    ],
  };
  if (opts.privateMetadata !== undefined) view.private_metadata = opts.privateMetadata;
  return fitView(view);
}

function input(key: keyof typeof INTAKE_INPUTS, label: string, hint: string, element: InputElement): InputBlock {
  return { type: 'input', block_id: INTAKE_INPUTS[key].block, label: pt(label), hint: pt(hint), optional: true, element };
}

function initial(v: string | undefined, max: number): { initial_value?: string } {
  const s = v === undefined ? '' : truncate(oneLine(plain(v)), Math.min(max, LIMITS.inputMaxLength));
  return s === '' ? {} : { initial_value: s };
}

function localParts(iso: string, offset: number): { date: string; time: string } | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms + offset * 1000).toISOString();
  return { date: d.slice(0, 10), time: d.slice(11, 16) };
}

export type IntakeValidation = { intake: Intake } | { errors: Record<string, string> };

/**
 * Reads a submitted intake form. Everything is optional, but what is given must make sense; otherwise the errors are keyed
 * by block_id, ready for `{ response_action: 'errors', errors }` (Slack: "Displaying errors in views").
 * The date and time are read in the user's time zone (`tzOffsetSeconds`); a date alone means noon that day.
 */
export function validateIntake(values: ViewStateValues | undefined, opts: { tzOffsetSeconds?: number; now?: Date } = {}): IntakeValidation {
  const get = (key: keyof typeof INTAKE_INPUTS) => values?.[INTAKE_INPUTS[key].block]?.[INTAKE_INPUTS[key].action];
  const str = (key: keyof typeof INTAKE_INPUTS): string => {
    const v = get(key)?.value;
    return typeof v === 'string' ? oneLine(plain(v)) : '';
  };
  const intake: Intake = {};
  const errors: Record<string, string> = {};
  const fail = (key: keyof typeof INTAKE_INPUTS, msg: string): void => {
    errors[INTAKE_INPUTS[key].block] = msg;
  };

  for (const key of ['sender', 'recipient'] as const) {
    const raw = str(key);
    if (raw === '') continue;
    const addr = parseAddress(raw);
    if (addr) intake[key] = addr;
    else fail(key, `"${truncate(raw, 60)}" is not an email address. Write it like name@example.com, or leave it empty.`);
  }
  const subject = str('subject');
  if (subject.length > LINE_MAX) fail('subject', `A subject is at most ${LINE_MAX} characters: keep the part you remember.`);
  else if (subject !== '') intake.subject = subject;
  const mid = str('messageId');
  if (mid !== '') {
    const id = parseMessageId(mid);
    if (id) intake.messageId = id;
    else fail('messageId', 'A Message-ID looks like <abc123@mail.example.com> (one @, no spaces). Copy it from the headers, or leave it empty.');
  }
  const side = get('side')?.selected_option?.value;
  if (side === 'recipient' || side === 'sender') intake.side = side;
  else if (side !== undefined && side !== null) fail('side', 'Pick one of the two choices.');

  const time = when(get('date')?.selected_date, get('time')?.selected_time, opts.tzOffsetSeconds ?? 0);
  if (time.error) fail(time.error.key, time.error.message);
  else if (time.iso) {
    if (opts.now && Date.parse(time.iso) > opts.now.getTime() + 86_400_000) fail('date', 'That is in the future: pick the day it was sent.');
    else intake.approxTime = time.iso;
  }
  return Object.keys(errors).length > 0 ? { errors } : { intake };
}

/** `Name <a@b.example>`, `<a@b.example>`, `mailto:a@b.example` or `a@b.example`: the bare address, or undefined. */
export function parseAddress(raw: string): string | undefined {
  let s = raw.trim();
  const angle = /<([^<>]*)>\s*$/.exec(s);
  if (angle) s = angle[1]!.trim();
  s = s.replace(/^mailto:/i, '');
  if (s.length > ADDRESS_MAX) return undefined;
  // RFC 5321 §4.5.3.1.1: local part at most 64 octets; no quoted local parts (they are rare and not worth a guess)
  const m = /^([^\s@<>()[\]\\,;:"]{1,64})@((?:[^\s@<>()[\]\\,;:"'.]+\.)+[^\s@<>()[\]\\,;:"'.]{2,})$/u.exec(s);
  return m ? s : undefined;
}

/** RFC 5322 §3.6.4: msg-id = "<" id-left "@" id-right ">". Brackets added when missing. */
export function parseMessageId(raw: string): string | undefined {
  const s = raw.trim().replace(/^<+|>+$/g, '');
  if (s.length === 0 || s.length > LINE_MAX) return undefined;
  return /^[^\s<>@]+@[^\s<>@]+$/.test(s) ? `<${s}>` : undefined;
}

function when(date: string | null | undefined, time: string | null | undefined, offset: number): { iso?: string; error?: { key: 'date' | 'time'; message: string } } {
  if (!date) return time ? { error: { key: 'date', message: 'Pick the day too (the time alone is not enough).' } } : {};
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d || Number(d[1]) < 1970) return { error: { key: 'date', message: 'Pick the day from the calendar.' } };
  const t = time ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time) : ['', '12', '00'];
  if (!t) return { error: { key: 'time', message: 'Pick the time from the list.' } };
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])) - (Number.isFinite(offset) ? offset : 0) * 1000;
  if (Number.isNaN(ms)) return { error: { key: 'date', message: 'Pick the day from the calendar.' } };
  return { iso: new Date(ms).toISOString() };
}

/** The reply to a view_submission that shows `errors` under their inputs. */
export function errorsResponse(errors: Record<string, string>): { response_action: 'errors'; errors: Record<string, string> } {
  return { response_action: 'errors', errors };
}
