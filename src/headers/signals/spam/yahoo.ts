import type { FieldDecoder } from './common.js';

/**
 * Yahoo Mail: `X-YahooFilteredBulk: <ip>` is stamped on mail Yahoo's filter put in the Bulk (spam) folder.
 * Not documented by Yahoo (widely observed). Other `X-YMail-*` headers are opaque and carry no verdict.
 */
const decodeFilteredBulk: FieldDecoder = (value) => ({
  vendor: 'yahoo',
  verdict: 'bulk',
  details: { ip: `${value.trim()} (the sending IP Yahoo judged)` },
  says: 'Yahoo stamped X-YahooFilteredBulk, which it adds to mail filed in the Bulk (spam) folder (observed behaviour, not documented).',
});

export const YAHOO_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([['x-yahoofilteredbulk', decodeFilteredBulk]]);
