/**
 * The subset of Block Kit that whereismail builds, written by hand (no Slack SDK import in src/slack).
 * The shapes match @slack/types (a test checks they are assignable to its KnownBlock, ModalView and HomeView).
 * Slack: Block Kit reference (docs.slack.dev/reference/block-kit).
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** Slack: text object, `verbatim`: true skips automatic parsing of URLs, channel names and mentions. */
  verbatim?: boolean;
}

export type TextObject = PlainText | Mrkdwn;

export interface Option {
  text: PlainText;
  value: string;
  description?: PlainText;
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  accessibility_label?: string;
}

export interface PlainTextInputElement {
  type: 'plain_text_input';
  action_id: string;
  placeholder?: PlainText;
  initial_value?: string;
  multiline?: boolean;
  min_length?: number;
  max_length?: number;
}

export interface DatepickerElement {
  type: 'datepicker';
  action_id: string;
  /** YYYY-MM-DD. */
  initial_date?: string;
  placeholder?: PlainText;
}

export interface TimepickerElement {
  type: 'timepicker';
  action_id: string;
  /** HH:mm, 24-hour. */
  initial_time?: string;
  placeholder?: PlainText;
}

export interface RadioButtonsElement {
  type: 'radio_buttons';
  action_id: string;
  options: Option[];
  initial_option?: Option;
}

export type InputElement = PlainTextInputElement | DatepickerElement | TimepickerElement | RadioButtonsElement;

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: ButtonElement;
}

export interface HeaderBlock {
  type: 'header';
  block_id?: string;
  text: PlainText;
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: ButtonElement[];
}

export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: InputElement;
  hint?: PlainText;
  optional?: boolean;
}

export type Block = SectionBlock | HeaderBlock | DividerBlock | ContextBlock | ActionsBlock | InputBlock;

/** A message for chat.postMessage / chat.update / chat.postEphemeral: `text` is the notification fallback, always set. */
export interface Message {
  text: string;
  blocks: Block[];
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  blocks: Block[];
  private_metadata?: string;
  clear_on_close?: boolean;
  notify_on_close?: boolean;
}

export interface HomeView {
  type: 'home';
  blocks: Block[];
  callback_id?: string;
  private_metadata?: string;
}

export type View = ModalView | HomeView;

/** `view.state.values` of a view_submission: block_id -> action_id -> the element's state. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue | undefined> | undefined>;

export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_option?: { value: string } | null;
}
