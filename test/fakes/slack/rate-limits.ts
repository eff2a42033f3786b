import type { Args, TierBudget } from './model.js';

/**
 * Slack: Rate limits (docs.slack.dev/apis/web-api/rate-limits). Limits apply per method per workspace per app;
 * over the limit the API answers HTTP 429 with `Retry-After: <seconds>` and `{ ok: false, error: "ratelimited" }`.
 * Tier 1: 1+ per minute; Tier 2: 20+; Tier 3: 50+; Tier 4: 100+; "special" methods have their own rules.
 * The tiers are minimums ("50+"); the fake uses the minimum, the strictest reading.
 */
export const TIERS = {
  tier1: { max: 1, windowMs: 60_000 },
  tier2: { max: 20, windowMs: 60_000 },
  tier3: { max: 50, windowMs: 60_000 },
  tier4: { max: 100, windowMs: 60_000 },
} as const satisfies Record<string, TierBudget>;

/**
 * Each method page's "Rate limits" fact. chat.postMessage is special: "generally allows posting one message per
 * second per channel, while also maintaining a workspace-wide limit", short bursts allowed: modelled as 60 per
 * minute per channel. conversations.replies is Tier 3 for internal apps (the 2025 limits for commercially
 * distributed non-Marketplace apps, 1 per minute and 15 messages, do not apply to an in-house bot).
 */
export const METHOD_TIERS: Record<string, TierBudget> = {
  'chat.postMessage': { max: 60, windowMs: 60_000, per: 'channel' },
  'chat.update': TIERS.tier3,
  'chat.delete': TIERS.tier3,
  'chat.postEphemeral': TIERS.tier4,
  'chat.getPermalink': TIERS.tier4,
  'views.open': TIERS.tier4,
  'views.push': TIERS.tier4,
  'views.update': TIERS.tier4,
  'views.publish': TIERS.tier4,
  'conversations.info': TIERS.tier3,
  'conversations.join': TIERS.tier3,
  'conversations.replies': TIERS.tier3,
  'users.info': TIERS.tier4,
  'files.info': TIERS.tier4,
  'auth.test': { max: 600, windowMs: 60_000 },
};

interface Forced {
  remaining: number;
  retryAfterSec: number;
}

/** Decides, per call, whether the fake answers 429 and with which Retry-After. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly forced = new Map<string, Forced[]>();

  constructor(private readonly budgets: Record<string, TierBudget> | undefined) {}

  /** The next `calls` calls to `method` get 429 with `Retry-After: retryAfterSec` (queued after earlier programming). */
  force(method: string, calls: number, retryAfterSec: number): void {
    const q = this.forced.get(method) ?? [];
    q.push({ remaining: calls, retryAfterSec });
    this.forced.set(method, q);
  }

  clear(): void {
    this.windows.clear();
    this.forced.clear();
  }

  /** Retry-After seconds if this call is limited, else undefined (and the call is counted against the budget). */
  check(method: string, args: Args, now: number): number | undefined {
    const q = this.forced.get(method);
    const head = q?.[0];
    if (q && head) {
      head.remaining -= 1;
      if (head.remaining <= 0) q.shift();
      return head.retryAfterSec;
    }
    const budget = this.budgets?.[method];
    if (!budget) return undefined;
    const key = budget.per === 'channel' ? `${method} ${String(args.channel ?? '')}` : method;
    const times = (this.windows.get(key) ?? []).filter((t) => t > now - budget.windowMs);
    if (times.length >= budget.max) {
      this.windows.set(key, times);
      const oldest = times[0] ?? now;
      return Math.max(1, Math.ceil((oldest + budget.windowMs - now) / 1000));
    }
    times.push(now);
    this.windows.set(key, times);
    return undefined;
  }
}

/** The budgets the `tiers` option asks for. */
export function budgetsFor(tiers: boolean | Record<string, TierBudget> | undefined): Record<string, TierBudget> | undefined {
  if (!tiers) return undefined;
  return tiers === true ? { ...METHOD_TIERS } : { ...METHOD_TIERS, ...tiers };
}
