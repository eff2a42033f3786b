import type { DovecotEvent, ParsedDovecotLine } from './parse-line.js';

/** Plain-English meaning of one Dovecot line, for evidence. */
export function saysFor(line: ParsedDovecotLine, extra?: { moveTo?: string; by?: string }): string {
  const who = line.user ?? 'the user';
  const e: DovecotEvent = line.event;
  switch (e.kind) {
    case 'stored':
      if (e.by === 'deliver') return `Dovecot delivered the message into ${who}'s folder ${e.folder}.`;
      if (e.sieveAction === 'fileinto') return `${who}'s Sieve filter filed the message into folder ${e.folder}.`;
      if (e.sieveAction) return `${who}'s Sieve filter (${e.sieveAction}) stored the message in folder ${e.folder}.`;
      return `Dovecot stored the message in ${who}'s folder ${e.folder} (kept by Sieve: no filter rule moved it).`;
    case 'store_failed':
      if (e.quota) {
        return (
          `Dovecot could not store the message for ${who}${e.folder ? ` in ${e.folder}` : ''}: the mailbox is over its quota (${e.reason}). ` +
          'Dovecot refuses such mail permanently (LMTP 552 5.2.2) unless quota_full_tempfail is set, so the sending server returns it to the sender.'
        );
      }
      return (
        `Dovecot could not store the message for ${who}${e.folder ? ` in ${e.folder}` : ''}: ${e.reason}. ` +
        'Dovecot answers such errors as temporary (LMTP 451), so the sending server keeps the message and retries, unless another folder took it.'
      );
    case 'discarded':
      return `${who}'s Sieve filter discarded the message: it was accepted, then dropped without being stored (unless another rule stored it).`;
    case 'forwarded':
      return `${who}'s Sieve filter forwarded (redirected) the message to ${e.to}.`;
    case 'rejected':
      return e.notified
        ? `${who}'s Sieve filter rejected the message (${e.action ?? 'reject'}): it was not stored, and a rejection notice went back to ${e.sender ?? 'the sender'}.`
        : `${who}'s Sieve filter rejected the message, but no notice was sent: it was not stored and the sender was not told.`;
    case 'vacation':
      return `${who}'s Sieve filter sent an automatic (vacation) reply to ${e.to}; the message itself was still delivered as usual.`;
    case 'mailbox_created':
      return `Folder ${e.box} was created in ${who}'s mailbox.`;
    case 'login':
      return `${e.user} logged in (${line.service.replace(/-login$/, '')})${e.rip ? ` from ${e.rip}` : ''}; the mailbox changes cited from session ${e.loginSession ?? '?'} were made in this login.`;
    case 'mail_log':
      return mailLogSays(line, e, who, extra);
    default:
      return 'A Dovecot log line about this message.';
  }
}

function mailLogSays(line: ParsedDovecotLine, e: Extract<DovecotEvent, { kind: 'mail_log' }>, who: string, extra?: { moveTo?: string; by?: string }): string {
  const box = e.fields.box ?? e.toBox;
  const where = box ? ` in ${box}` : '';
  const by = extra?.by ? ` by ${extra.by}` : '';
  switch (e.event) {
    case 'save':
      return ['lmtp', 'lda', 'deliver', 'dovecot-lda'].includes(line.service)
        ? `Dovecot saved the message into ${who}'s folder ${box ?? '(folder not logged)'}${e.fields.uid !== undefined ? ` (IMAP uid ${e.fields.uid})` : ''}.`
        : `A mail program (${line.service}) saved a copy of the message into ${who}'s folder ${box ?? '(folder not logged)'}.`;
    case 'copy':
      return `The message was copied${e.fromBox ? ` from ${e.fromBox}` : ''} to ${e.toBox ?? 'another folder'}${by}.`;
    case 'expunge':
      return extra?.moveTo
        ? `The original${where} was removed after being copied to ${extra.moveTo}: the message was moved to ${extra.moveTo}${by}.`
        : `The message was permanently removed (expunged)${box ? ` from ${box}` : ''}${by}.`;
    case 'autoexpunge':
      return `Dovecot's automatic clean-up (autoexpunge) permanently removed the message${box ? ` from ${box}` : ''}.`;
    case 'delete':
      return `The message${where} was marked \\Deleted (flagged for removal; mail programs hide or purge such messages)${by}.`;
    case 'undelete':
      return `The \\Deleted mark on the message${where} was taken off again${by}.`;
    case 'flag_change':
      return `The message's flags${where} changed to (${e.fields.flags ?? '?'})${by}${/\\Seen/.test(e.fields.flags ?? '') ? ': it was opened or marked read' : ''}. This alone removes nothing.`;
  }
}
