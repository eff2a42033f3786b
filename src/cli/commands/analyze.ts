import type { Command } from 'commander';
import { analyzeHeaders } from '../../headers/analyze.js';
import { HeaderAnalysisSchema } from '../../headers/model.js';
import { formatAnalysis } from '../format/analysis-text.js';
import { CliError, type CliIo } from '../io.js';
import { collect, configOrExit, parseTimeOption, trustFrom } from '../options.js';
import { readMessageInput } from '../read-input.js';
import { resolverFor } from '../resolver.js';

interface AnalyzeFlags {
  json?: boolean;
  dnsRecords?: string;
  dns?: boolean;
  at?: string;
  trustDomain?: string[];
  trustMx?: string[];
  trustIp?: string[];
}

export function registerAnalyze(program: Command, io: CliIo): void {
  program
    .command('analyze')
    .argument('[file]', 'a .eml file or saved headers; - or nothing reads standard input')
    .summary('read a message\'s headers: hops and delays, who really sent it, spam verdicts, bounce details')
    .description(
      'Analyse a raw message (.eml), a header block, or headers pasted from Gmail\'s "Show original", Outlook\'s ' +
        '"Internet headers" box or a chat (damage is repaired and reported). Prints the Received trail with delays, ' +
        'DKIM/SPF/DMARC/ARC at the recipient\'s entry point, spam/filter signals, bounce details, the identifiers ' +
        'to search the mail logs for, and ranked findings.',
    )
    .option('--json', 'print the analysis as JSON (schema whereismail.header-analysis/1)')
    .option('--dns-records <zonefile>', 'answer DNS only from this BIND-style zone file (offline or archived checks)')
    .option('--no-dns', 'no DNS at all: use the recipient server\'s recorded Authentication-Results')
    .option('--at <time>', 'verify as of this time (ISO 8601 or a mail date), e.g. the delivery time of an old message')
    .option('--trust-domain <domain>', 'a recipient domain whose servers are trusted (repeatable, comma-separated)', collect)
    .option('--trust-mx <host>', 'a recipient MX/gateway host name (repeatable)', collect)
    .option('--trust-ip <cidr>', 'a recipient server address range, e.g. 192.0.2.0/24 (repeatable)', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  whereismail analyze message.eml\n  pbpaste | whereismail analyze - ' +
        '  whereismail analyze old.eml --json --dns-records zone.txt --at 2017-01-05T10:00:00Z ' +
        '  whereismail analyze headers.txt --trust-domain example.com --trust-ip 192.0.2.0/24',
    )
    .action(async (file: string | undefined, flags: AnalyzeFlags) => {
      const config = configOrExit(io);
      const at = flags.at ? parseTimeOption('--at', flags.at) : undefined;
      const trust = trustFrom(config, flags);
      const dns = resolverFor(config.dns, { zoneFile: flags.dnsRecords, noDns: flags.dns === false });
      const input = await readMessageInput(file, io);
      const result = await analyzeHeaders(input.data, {
        trust,
        resolver: dns.resolver,
        dns: dns.kind,
        now: io.now(),
        ...(at ? { at } : {}),
      });
      if (!result.ok) throw new CliError(`${input.name}: ${result.message}`);
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(HeaderAnalysisSchema.parse(result.value), null, 2)}\n`);
      } else {
        io.stdout.write(formatAnalysis(result.value, { color: io.isTTY && !io.env.NO_COLOR }));
      }
    });
}
