import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { enginesFromConfig } from '../../engine.js';
import { sqliteCaseStore } from '../../store/index.js';
import type { Intake, Question, TriageEvent } from '../../triage/model.js';
import { createTriageService } from '../../triage/service.js';
import { SELF_CHECK_QUESTIONS } from '../../triage/wording.js';
import { CliError, EXIT, type CliIo } from '../io.js';
import { collect, configOrExit, logSourcesFromFlags, parseTimeOption } from '../options.js';
import { readMessageInput } from '../read-input.js';
import { terminalSurface } from '../triage/terminal-surface.js';

interface TriageFlags {
  side?: string;
  from?: string;
  to?: string;
  subject?: string;
  time?: string;
  messageId?: string;
  headers?: string;
  log?: string[];
  senderLog?: string[];
  utc?: boolean;
  json?: boolean;
  verbose?: boolean;
}

export function registerTriage(program: Command, io: CliIo): void {
  program
    .command('triage')
    .summary('the whole dialog in the terminal: questions, headers, log search, and a verdict with evidence')
    .description(
      'Walks the path a mail administrator walks, like the Slack bot does in a thread: what message, how old ' +
        '(log retention), the self-check (inbox, Trash, archive, Junk, quarantine, your rules), a copy of the ' +
        "message (headers or .eml), the recipient's then the sender's logs, and a verdict: never sent, sent but " +
        'did not reach you, or reached you, with confidence, evidence, next steps and a ready-to-send request. ' +
        'Answers come from the terminal (or piped lines); an empty answer means "don\'t know".',
    )
    .option('--side <who>', 'who is asking: recipient or sender')
    .option('--from <address>', 'the sender')
    .option('--to <address>', 'the recipient')
    .option('--subject <text>', 'the subject')
    .option('--time <time>', 'roughly when it was sent (ISO 8601 or a mail date)')
    .option('--message-id <id>', 'the Message-ID, if known')
    .option('--headers <file>', 'a copy of the message (.eml or saved headers), analysed at once')
    .option('--log <path>', 'a recipient-side log to search (repeatable; kind:path to force postfix/dovecot/exim; default: logs.sources in the configuration)', collect)
    .option('--sender-log <path>', 'a sender-side log to search (repeatable)', collect)
    .option('--utc', 'syslog timestamps are in UTC')
    .option('--json', 'print the final case (state and verdict) as JSON instead of text')
    .option('--verbose', 'show the full header analysis and status changes')
    .addHelpText('after', '\nExamples:\n  whereismail triage --side recipient --from alice@example.com --to me@example.org --time "2026-11-24 10:00"\n  whereismail triage --headers bounce.eml --log /var/log/mail.log')
    .action(async (flags: TriageFlags) => runTriage(configWithLogs(configOrExit(io), flags), flags, io));
}

function configWithLogs(config: Config, flags: TriageFlags): Config {
  return { ...config, logs: { sources: logSourcesFromFlags(flags, config.logs.sources) } };
}

async function runTriage(config: Config, flags: TriageFlags, io: CliIo): Promise<void> {
  const side = flags.side?.toLowerCase();
  if (side !== undefined && side !== 'recipient' && side !== 'sender') throw new CliError(`--side ${flags.side}: use recipient or sender`);
  const engines = enginesFromConfig(config, io.now);
  if (!engines.ok) throw new CliError(engines.message, EXIT.config);
  const store = await sqliteCaseStore({ path: ':memory:' });
  if (!store.ok) throw new CliError(store.message);
  const surface = terminalSurface(io, { color: io.isTTY && !io.env.NO_COLOR && !flags.json, verbose: Boolean(flags.verbose) });
  const service = createTriageService({ ...engines.value, store: store.value, surface, now: io.now, newId: randomUUID, log: (l) => (flags.verbose ? io.stderr.write(`${l}\n`) : undefined) });
  const intake: Intake = {
    ...(side ? { side } : {}),
    ...(flags.from ? { sender: flags.from } : {}),
    ...(flags.to ? { recipient: flags.to } : {}),
    ...(flags.subject ? { subject: flags.subject } : {}),
    ...(flags.time ? { approxTime: parseTimeOption('--time', flags.time).toISOString() } : {}),
    ...(flags.messageId ? { messageId: flags.messageId.startsWith('<') ? flags.messageId : `<${flags.messageId}>` } : {}),
  };
  const headers = flags.headers ? (await readMessageInput(flags.headers, io)).data.toString('latin1') : undefined;
  const input = lineReader(io);
  try {
    const opened = await service.open({ team: 'local', channel: 'terminal', openedBy: safeUser(), intake, ...(headers ? { headers: { text: headers, source: 'cli' } } : {}) });
    if (!opened.ok) throw new CliError(opened.message);
    const id = opened.value.id;
    for (let guard = 0; guard < 100; guard++) {
      const q = surface.takeQuestion();
      const current = await store.value.get(id);
      if (!q) {
        if (!current.ok || !current.value || current.value.state.phase === 'closed') break;
        await service.dispatch(id, { type: 'decide', at: io.now().toISOString() });
        continue;
      }
      for (const event of await answer(q, input, io)) await service.dispatch(id, event);
    }
    const final = await store.value.get(id);
    if (flags.json && final.ok && final.value) io.stdout.write(`${JSON.stringify(final.value, null, 2)}\n`);
  } finally {
    input.close();
    await store.value.close();
  }
}

interface Lines {
  next(prompt: string): Promise<string | undefined>;
  close(): void;
}

/** Prompts on stdout, reads a line from stdin; undefined at end of input (then every question is "don't know"). */
function lineReader(io: CliIo): Lines {
  const rl = createInterface({ input: io.stdin, terminal: false });
  const it = rl[Symbol.asyncIterator]();
  let ended = false;
  return {
    async next(prompt) {
      io.stdout.write(prompt);
      if (ended) return (io.stdout.write('\n'), undefined);
      const r = await it.next();
      if (r.done) {
        ended = true;
        io.stdout.write('\n');
        return undefined;
      }
      return r.value;
    },
    close: () => rl.close(),
  };
}

async function answer(q: Question, lines: Lines, io: CliIo): Promise<TriageEvent[]> {
  const at = (): string => io.now().toISOString();
  switch (q.kind) {
    case 'intake': {
      const intake: Intake = {};
      for (const field of q.missing) {
        const v = (await lines.next(INTAKE_PROMPTS[field]))?.trim();
        if (!v) continue;
        if (field === 'side') intake.side = /^s/i.test(v) ? 'sender' : 'recipient';
        else if (field === 'approxTime') {
          try {
            intake.approxTime = parseTimeOption('time', v).toISOString();
          } catch (e) {
            io.stdout.write(`${e instanceof Error ? e.message : String(e)}: skipped\n`);
          }
        }
        else if (field === 'messageId') intake.messageId = v.startsWith('<') ? v : `<${v}>`;
        else intake[field] = v;
      }
      return Object.keys(intake).length > 0 ? [{ type: 'intake', at: at(), intake }] : [{ type: 'skip', at: at() }];
    }
    case 'self_check': {
      const text = SELF_CHECK_QUESTIONS[q.item];
      io.stdout.write(`\n(${q.index}/${q.of}) ${text.ask}\n    ${text.hint}\n`);
      const v = (await lines.next('    [f]ound / [n]ot found / [c]an\'t check / Enter: don\'t know > '))?.trim().toLowerCase() ?? '';
      if (v.startsWith('f')) {
        const note = (await lines.next('    Where did you find it? > '))?.trim();
        return [{ type: 'answer', at: at(), item: q.item, answer: 'found', ...(note ? { note } : {}) }];
      }
      if (v.startsWith('n')) return [{ type: 'answer', at: at(), item: q.item, answer: 'not_found' }];
      if (v.startsWith('c')) return [{ type: 'answer', at: at(), item: q.item, answer: 'cant_check' }];
      return [{ type: 'skip', at: at() }];
    }
    case 'copy': {
      io.stdout.write('\nDo you have a copy of the message? Give the path of an .eml file or saved headers, or paste the headers and end with a line holding only "." (Enter alone: no copy).\n');
      const first = await lines.next('> ');
      if (first === undefined || first.trim() === '') return [{ type: 'no_copy', at: at() }];
      const path = first.trim();
      if (existsSync(path) && statSync(path).isFile()) return [{ type: 'headers', at: at(), text: readFileSync(path, 'latin1'), source: 'file' }];
      const pasted = [first];
      for (;;) {
        const l = await lines.next('');
        if (l === undefined || l.trim() === '.') break;
        pasted.push(l);
      }
      return [{ type: 'headers', at: at(), text: pasted.join('\n'), source: 'paste' }];
    }
    case 'sender_side': {
      io.stdout.write(`\nThe recipient's side has no final answer. Ask the sender (or their provider) for the log line showing the hand-over.\nReady-to-send request:\n\nSubject: ${q.request.subject}\n\n${q.request.body}\n\n`);
      const v = (await lines.next("Paste the sender's \"queued as\" line (Enter: the sender can't help) > "))?.trim();
      return v ? [{ type: 'sender_reply', at: at(), text: v }] : [{ type: 'sender_unavailable', at: at() }];
    }
  }
}

const INTAKE_PROMPTS: Record<'side' | 'sender' | 'recipient' | 'subject' | 'approxTime' | 'messageId', string> = {
  side: 'Are you the recipient or the sender? [r/s] > ',
  sender: 'Sender address (Enter: unknown) > ',
  recipient: 'Recipient address (Enter: unknown) > ',
  subject: 'Subject (Enter: unknown) > ',
  approxTime: 'Roughly when was it sent? e.g. 2026-11-24 10:00 (Enter: unknown) > ',
  messageId: 'Message-ID, if you have it (Enter: unknown) > ',
};

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'terminal';
  }
}
