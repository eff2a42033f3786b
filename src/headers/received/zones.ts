/** A named time zone: its offset from UTC in minutes, and a note when the name is ambiguous. */
export interface NamedZone {
  offset: number;
  /** Set when the abbreviation means different offsets in different places (we pick the common one in mail). */
  ambiguous?: string;
}

/** RFC 5322 §4.3 obs-zone names (UT, GMT, EST...PDT) plus abbreviations real MTAs write. Keys are upper-case. */
export const NAMED_ZONES: ReadonlyMap<string, NamedZone> = new Map<string, NamedZone>([
  // RFC 5322 §3.3 / §4.3
  ['UT', { offset: 0 }],
  ['UTC', { offset: 0 }],
  ['GMT', { offset: 0 }],
  ['Z', { offset: 0 }],
  ['EST', { offset: -300 }],
  ['EDT', { offset: -240 }],
  ['CST', { offset: -360 }],
  ['CDT', { offset: -300 }],
  ['MST', { offset: -420 }],
  ['MDT', { offset: -360 }],
  ['PST', { offset: -480 }],
  ['PDT', { offset: -420 }],
  // common in real mail
  ['UCT', { offset: 0 }],
  ['WET', { offset: 0 }],
  ['WEST', { offset: 60 }],
  ['BST', { offset: 60 }],
  ['CET', { offset: 60 }],
  ['CEST', { offset: 120 }],
  ['MET', { offset: 60 }],
  ['MEST', { offset: 120 }],
  ['MEZ', { offset: 60 }],
  ['MESZ', { offset: 120 }],
  ['EET', { offset: 120 }],
  ['EEST', { offset: 180 }],
  ['MSK', { offset: 180 }],
  ['JST', { offset: 540 }],
  ['KST', { offset: 540 }],
  ['HKT', { offset: 480 }],
  ['SGT', { offset: 480 }],
  ['AWST', { offset: 480 }],
  ['ACST', { offset: 570 }],
  ['ACDT', { offset: 630 }],
  ['AEST', { offset: 600 }],
  ['AEDT', { offset: 660 }],
  ['NZST', { offset: 720 }],
  ['NZDT', { offset: 780 }],
  ['AKST', { offset: -540 }],
  ['AKDT', { offset: -480 }],
  ['HST', { offset: -600 }],
  ['NST', { offset: -210 }],
  ['NDT', { offset: -150 }],
  ['ADT', { offset: -180 }],
  ['AST', { offset: -240, ambiguous: 'AST can mean Atlantic (-04:00) or Arabia (+03:00) Standard Time: assumed Atlantic' }],
  ['IST', { offset: 330, ambiguous: 'IST can mean India (+05:30), Ireland (+01:00) or Israel (+02:00): assumed India' }],
]);

/**
 * RFC 5322 §4.3: single-letter military zones were defined wrongly in RFC 822, so they "SHOULD all be
 * considered equivalent to -0000" (UTC with no zone information). "Z" is kept as UTC.
 */
export function isMilitaryZone(upper: string): boolean {
  return upper.length === 1 && upper >= 'A' && upper <= 'Z' && upper !== 'J' && upper !== 'Z';
}
