/** How a log file is stored. */
export type Compression = 'none' | 'gzip' | 'xz' | 'zstd';

/** What the first bytes of a file say it is: a format we read, or one we name and explain. */
export type SniffedFormat = { compression: Compression } | { unsupported: string; hint: string };

const starts = (b: Uint8Array, sig: readonly number[]): boolean => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** Bytes needed by sniffFormat. */
export const SNIFF_BYTES = 8;

/**
 * Detects the format from magic bytes (RFC 1952 §2.3.1 gzip; xz file format §2.1.1.1;
 * RFC 8878 §3.1.1 zstd frame, §3.1.2 skippable frame), so a rotated `mail.log.1` that is
 * really gzip is read right. Anything else is taken as plain text.
 */
export function sniffFormat(head: Uint8Array): SniffedFormat {
  if (starts(head, [0x1f, 0x8b])) return { compression: 'gzip' };
  if (starts(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return { compression: 'xz' };
  if (starts(head, [0x28, 0xb5, 0x2f, 0xfd])) return { compression: 'zstd' };
  if (head.length >= 4 && ((head[0] ?? 0) & 0xf0) === 0x50 && starts(head.subarray(1), [0x2a, 0x4d, 0x18])) return { compression: 'zstd' };
  if (starts(head, [0x42, 0x5a, 0x68])) return { unsupported: 'bzip2', hint: 'decompress it first (bunzip2 -k FILE) and give the result' };
  if (starts(head, [0x04, 0x22, 0x4d, 0x18])) return { unsupported: 'lz4', hint: 'decompress it first (lz4 -d FILE) and give the result' };
  if (starts(head, [0x1f, 0x9d])) return { unsupported: 'compress (.Z)', hint: 'decompress it first (uncompress FILE) and give the result' };
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return { unsupported: 'a zip archive', hint: 'unpack it first (unzip FILE) and give the log file inside' };
  if (starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { unsupported: 'a 7-Zip archive', hint: 'unpack it first (7z x FILE) and give the log file inside' };
  if (starts(head, [0x4c, 0x50, 0x4b, 0x53, 0x48, 0x48, 0x52, 0x48])) {
    return { unsupported: 'a systemd journal file', hint: 'export it as text first (journalctl --file FILE -o short-iso > mail.log) and give that' };
  }
  return { compression: 'none' };
}

/** The compression a file name suggests (used until the magic bytes are read). */
export function compressionFromName(path: string): Compression {
  if (/\.gz$/i.test(path)) return 'gzip';
  if (/\.xz$/i.test(path)) return 'xz';
  if (/\.zst$/i.test(path)) return 'zstd';
  return 'none';
}

/** Plain words for a compression, for messages. */
export const COMPRESSION_NAME: Record<Compression, string> = { none: 'plain text', gzip: 'gzip', xz: 'xz', zstd: 'zstd' };
