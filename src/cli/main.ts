import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerTrace } from './commands/trace.js';
import { registerTriage } from './commands/triage.js';
import { CliError, EXIT, processIo, type CliIo } from './io.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  done (the analysis or trace was printed)
  1  internal error (a bug: please report it with the command you ran, not the message)
  2  bad input or usage (no headers in the input, unreadable file, bad option value)
  3  invalid configuration (whereismail.config.yml or WHEREISMAIL_* variables)`;

/** Builds the `whereismail` program. Each command lives in ./commands and registers itself. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('whereismail')
    .description('Settle "was this email sent to me, and where did it go?" with evidence from headers and mail logs.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  registerAnalyze(program, io);
  registerTrace(program, io);
  registerTriage(program, io);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs the CLI; returns the exit code. Never lets a stack trace reach the user. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage; // commander already printed the message
    }
    if (e instanceof CliError) {
      io.stderr.write(`whereismail: ${e.message}\n`);
      return e.code;
    }
    const what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
    io.stderr.write(`whereismail: internal error (${what}). This is a bug; please report it with the command you ran.\n`);
    if (io.env.WHEREISMAIL_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return EXIT.internal;
  }
}
