import type { webApi } from '@slack/bolt';
import { analysisMessage, noticeMessage, questionMessage, rootMessage, searchProgressMessage, searchResultMessage, verdictMessage } from '../slack/index.js';
import type { Message } from '../slack/types.js';
import type { Case } from '../triage/model.js';
import type { TriageSurface } from '../triage/surface.js';

/**
 * The triage shown in a Slack thread: the root message (updated in place with the status), questions, notices,
 * the analysis, the log search (one message updated in place as it runs), and the verdict.
 */
export function slackSurface(client: webApi.WebClient): TriageSurface {
  /** The progress message of each running search, by case and side (updated in place, then replaced by the result). */
  const progress = new Map<string, Promise<string | undefined>>();
  const inThread = async (c: Case, m: Message): Promise<string | undefined> => {
    const r = await client.chat.postMessage({ channel: c.key.channel, thread_ts: c.key.threadTs, text: m.text, blocks: m.blocks as never, unfurl_links: false, unfurl_media: false });
    return r.ts;
  };
  return {
    async openThread(c) {
      const m = rootMessage({ ...c, key: { team: '', channel: c.channel, threadTs: '' } });
      const r = await client.chat.postMessage({ channel: c.channel, text: m.text, blocks: m.blocks as never, unfurl_links: false, unfurl_media: false });
      if (!r.ts) throw new Error('chat.postMessage returned no ts');
      return { threadTs: r.ts };
    },
    async updateRoot(c) {
      const m = rootMessage(c);
      await client.chat.update({ channel: c.key.channel, ts: c.rootTs ?? c.key.threadTs, text: m.text, blocks: m.blocks as never });
    },
    async ask(c, q) {
      await inThread(c, questionMessage(c, q));
    },
    async notice(c, text, level) {
      await inThread(c, noticeMessage(text, level));
    },
    async analysis(c, copy) {
      await inThread(c, analysisMessage(copy.analysis));
    },
    async search(c, s) {
      const key = `${c.id}:${s.side}`;
      if (s.stage === 'started') {
        progress.set(key, inThread(c, searchProgressMessage(s)).catch(() => undefined));
        return;
      }
      const ts = await progress.get(key);
      const m = s.stage === 'done' ? searchResultMessage(s.result, { side: s.side }) : searchProgressMessage(s);
      if (s.stage === 'done') progress.delete(key);
      if (ts) await client.chat.update({ channel: c.key.channel, ts, text: m.text, blocks: m.blocks as never });
      else if (s.stage === 'done') await inThread(c, m);
    },
    async verdict(c, v) {
      await inThread(c, verdictMessage(v, c));
    },
  };
}
