// An open idea's page keeps its support count current without reloading (issue 13): it asks
// GET /ideas/:id/count (a small answer a CDN may keep for a few seconds), soon at first, then
// less and less often while the count does not move (backoff), soon again when it moves; never
// while the tab is hidden, and at once when it shows again. The timing lives in
// `createCountPoller`, free of React and the DOM, so that a test drives it with fake timers
// (tests/unit/live-count.test.ts); `useLiveCount` plugs it into the page.
import { useEffect, useState } from "react";

export interface CountReading {
  supportCount: number;
  status: string;
}

/** The first wait, and the longest one the backoff reaches (it doubles while nothing moves). */
export const POLL_MIN_MS = 10_000;
export const POLL_MAX_MS = 160_000;

export interface PollerOptions {
  /** Reads the count; a rejection counts as "nothing moved" (the wait grows). */
  read: () => Promise<CountReading>;
  onReading: (reading: CountReading) => void;
  isHidden: () => boolean;
  /** Calls back when the tab is hidden or shown; returns the unsubscribe. */
  onVisibilityChange: (listener: () => void) => () => void;
  minMs?: number;
  maxMs?: number;
}

export function createCountPoller(options: PollerOptions) {
  const minMs = options.minMs ?? POLL_MIN_MS;
  const maxMs = options.maxMs ?? POLL_MAX_MS;
  let wait = minMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: number | null = null;
  let stopped = false;
  let inFlight = false;

  const schedule = () => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || options.isHidden()) return;
    timer = setTimeout(poll, wait);
  };

  async function poll() {
    timer = undefined;
    if (stopped || options.isHidden() || inFlight) return;
    inFlight = true;
    let moved = false;
    try {
      const reading = await options.read();
      moved = last !== null && reading.supportCount !== last;
      last = reading.supportCount;
      if (!stopped) options.onReading(reading);
    } catch {
      // A failed read (offline, a restart) waits longer, like a quiet count.
    } finally {
      inFlight = false;
    }
    wait = moved ? minMs : Math.min(wait * 2, maxMs);
    schedule();
  }

  const unsubscribe = options.onVisibilityChange(() => {
    if (options.isHidden()) {
      clearTimeout(timer);
      timer = undefined;
    } else if (!stopped) {
      // Back on the tab: read at once, then soon again.
      wait = minMs;
      clearTimeout(timer);
      void poll();
    }
  });

  return {
    /** Starts waiting for the first read (the page's own count is the first value). */
    start(initialCount: number) {
      last = initialCount;
      wait = minMs;
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

/**
 * The latest count read for an open idea (null before the first read), with the time it came.
 * Off when `enabled` is false (an idea not open for support has a count that no longer moves).
 */
export function useLiveCount(ideaId: number, initialCount: number, enabled: boolean) {
  const [live, setLive] = useState<(CountReading & { at: number }) | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const poller = createCountPoller({
      read: async () => {
        const response = await fetch(`/ideas/${ideaId}/count`, { headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        return (await response.json()) as CountReading;
      },
      onReading: (reading) => setLive({ ...reading, at: Date.now() }),
      isHidden: () => document.visibilityState === "hidden",
      onVisibilityChange: (listener) => {
        document.addEventListener("visibilitychange", listener);
        return () => document.removeEventListener("visibilitychange", listener);
      },
    });
    poller.start(initialCount);
    return () => poller.stop();
  }, [ideaId, initialCount, enabled]);
  return live;
}
