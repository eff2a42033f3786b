/** Which mail software wrote a log, told from its lines. Pure. */
export type LogKind = 'postfix' | 'dovecot' | 'exim';

const POSTFIX = /\spostfix(?:-[\w.-]+)?(?:\/[\w.-]+)+\[\d+\]: /;
/** Dovecot through syslog (`host dovecot: lmtp(...)`) or its own log_path (`Nov 25 19:51:02 lmtp(user)<pid><s>: Info:`). */
const DOVECOT = /\sdovecot(?:\[\d+\])?: |^\w{3} [ \d]\d \d\d:\d\d:\d\d (?:lmtp|lda|imap|pop3|managesieve|auth|master|submission)(?:\(|: )/;
/** Exim's main log (`2017-07-30 18:51:05.712 [pid] 10HmaX-0005vi-00 <= ...`) or exim through syslog. */
const EXIM = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [+-]\d{4})? (?:\[\d+\] )?(?:[\w]{6}-[\w]{6,11}-[\w]{2,4} (?:<=|=>|->|\*\*|==|>>|\*>|Completed)|H=|SMTP |rejected |exim )|\sexim(?:4)?\[\d+\]: /;

/** The kinds whose lines appear among `lines` (a syslog mail.log often holds Postfix and Dovecot). */
export function detectLogKinds(lines: Iterable<string>): Set<LogKind> {
  const kinds = new Set<LogKind>();
  for (const line of lines) {
    if (!kinds.has('postfix') && POSTFIX.test(line)) kinds.add('postfix');
    else if (!kinds.has('dovecot') && DOVECOT.test(line)) kinds.add('dovecot');
    else if (!kinds.has('exim') && EXIM.test(line)) kinds.add('exim');
    if (kinds.size === 3) break;
  }
  return kinds;
}
