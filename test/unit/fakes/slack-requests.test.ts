import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  blockAction,
  forged,
  messageEvent,
  retried,
  slackSignature,
  slashCommand,
  slashCommandPayload,
  stale,
  TEST_SIGNING_SECRET,
  viewSubmission,
  type SlackRequest,
} from '../../helpers/slack-requests.js';

/** The request helpers sign and encode exactly as Slack documents it. */

/** The worked example on Slack's "Verifying requests from Slack" page (its secret, timestamp, body and signature). */
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TS = 1531420618;
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIG = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

/** Bolt's own verifier (what the receivers run), throwing on a bad request. */
function boltVerifies(req: SlackRequest, secret = TEST_SIGNING_SECRET): boolean {
  try {
    verifySlackRequest({
      signingSecret: secret,
      body: req.body,
      headers: {
        'x-slack-signature': req.headers['x-slack-signature'] ?? '',
        'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
      },
    });
    return true;
  } catch {
    return false;
  }
}

describe('signing', () => {
  it('reproduces the signature of Slack\'s documented example', () => {
    expect(slackSignature(DOC_SECRET, DOC_TS, DOC_BODY)).toBe(DOC_SIG);
  });

  it('form-encodes slash command fields the way Slack\'s example body is encoded', () => {
    const fields = Object.fromEntries(new URLSearchParams(DOC_BODY));
    expect(new URLSearchParams(fields).toString()).toBe(DOC_BODY);
    // Our payload has the same fields (plus the newer api_app_id and is_enterprise_install) in the same order.
    const ours = Object.keys(slashCommandPayload()).filter((k) => k !== 'api_app_id' && k !== 'is_enterprise_install');
    expect(ours).toEqual(Object.keys(fields));
  });

  it('a built request passes Bolt\'s verifier; forged and stale ones do not', () => {
    const req = slashCommand({ text: 'hello world & <friends>' });
    expect(boltVerifies(req)).toBe(true);
    expect(boltVerifies(req, 'another-secret')).toBe(false);
    expect(boltVerifies(forged(req))).toBe(false);
    const old = stale(req);
    expect(Number(old.headers['x-slack-request-timestamp'])).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 600);
    expect(old.headers['x-slack-signature']).toBe(slackSignature(TEST_SIGNING_SECRET, old.timestamp, old.body));
    expect(boltVerifies(old)).toBe(false);
  });
});

describe('encodings', () => {
  it('slash commands: form fields; interactions: payload=<json>; events: JSON', () => {
    const cmd = slashCommand({ text: 'a b' });
    expect(cmd.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(cmd.body).get('text')).toBe('a b');
    expect(new URLSearchParams(cmd.body).get('command')).toBe('/whereismail');

    const click = blockAction({ action_id: 'close_case', message: { ts: '1732560000.000100', blocks: [{ type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'close_case', value: 'c1', text: { type: 'plain_text', text: 'Close' } }] }] } });
    expect(click.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const payload = JSON.parse(new URLSearchParams(click.body).get('payload') ?? '{}') as { type: string; actions: Array<Record<string, unknown>>; container: Record<string, unknown> };
    expect(payload.type).toBe('block_actions');
    expect(payload.actions[0]).toMatchObject({ action_id: 'close_case', block_id: 'acts', value: 'c1', type: 'button' });
    expect(payload.container).toMatchObject({ type: 'message', message_ts: '1732560000.000100' });

    const sub = viewSubmission({ view: { id: 'V0ABCDEFGH', callback_id: 'case_form' } });
    expect((JSON.parse(new URLSearchParams(sub.body).get('payload') ?? '{}') as { view: { id: string } }).view.id).toBe('V0ABCDEFGH');

    const ev = messageEvent({ text: 'hi', thread_ts: '1732560000.000100' });
    expect(ev.headers['content-type']).toBe('application/json');
    const body = JSON.parse(ev.body) as { type: string; event_id: string; event_time: number; event: Record<string, unknown> };
    expect(body.type).toBe('event_callback');
    expect(body.event_id).toMatch(/^Ev[0-9A-F]{9}$/);
    expect(body.event).toMatchObject({ type: 'message', text: 'hi', thread_ts: '1732560000.000100', channel_type: 'channel' });
  });

  it('a retry carries the retry headers and a fresh signature over the same body', () => {
    const ev = messageEvent({ text: 'x' });
    const again = retried(ev, 2, 'http_error');
    expect(again.body).toBe(ev.body);
    expect(again.headers).toMatchObject({ 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' });
    expect(boltVerifies(again)).toBe(true);
  });
});
