// The polling of an open idea's support count (issue 13): soon at first, backing off while the
// count stays, soon again when it moves, never while the tab is hidden, at once when it shows.
// Driven with fake timers; the waits expected are written out (10 s, doubling, 160 s at most).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCountPoller, type CountReading } from "../../app/ui/live-count";

let hidden = false;
let visibilityListener: (() => void) | null = null;
let counts: number[] = [];
let reads: number[] = [];
let shown: number[] = [];

function poller(read?: () => Promise<CountReading>) {
  return createCountPoller({
    read:
      read ??
      (async () => {
        reads.push(Date.now());
        return { supportCount: counts.length > 1 ? counts.shift()! : counts[0], status: "open" };
      }),
    onReading: (r) => shown.push(r.supportCount),
    isHidden: () => hidden,
    onVisibilityChange: (listener) => {
      visibilityListener = listener;
      return () => (visibilityListener = null);
    },
  });
}

/** Seconds after the start at which the count was read. */
const readAt = (start: number) => reads.map((t) => (t - start) / 1000);

beforeEach(() => {
  vi.useFakeTimers();
  hidden = false;
  visibilityListener = null;
  counts = [];
  reads = [];
  shown = [];
});
afterEach(() => vi.useRealTimers());

describe("the live support count", () => {
  it("reads after 10 s, then waits twice as long each time the count stays, up to 160 s", async () => {
    counts = [5];
    const start = Date.now();
    const p = poller();
    p.start(5);
    await vi.advanceTimersByTimeAsync(10_000 + 20_000 + 40_000 + 80_000 + 160_000 + 160_000);
    expect(readAt(start)).toEqual([10, 30, 70, 150, 310, 470]);
    p.stop();
  });

  it("reads soon again when the count moved, and shows each reading", async () => {
    counts = [5, 5, 8, 8];
    const start = Date.now();
    const p = poller();
    p.start(5);
    await vi.advanceTimersByTimeAsync(10_000 + 20_000 + 40_000 + 10_000);
    // 10 (5, same), 30 (5, same), 70 (8: moved), then 10 s later (8).
    expect(readAt(start)).toEqual([10, 30, 70, 80]);
    expect(shown).toEqual([5, 5, 8, 8]);
    p.stop();
  });

  it("never reads while the tab is hidden, and reads at once when it shows again", async () => {
    counts = [5];
    const start = Date.now();
    const p = poller();
    p.start(5);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(readAt(start)).toEqual([10]);
    hidden = true;
    visibilityListener!();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(readAt(start)).toEqual([10]);
    hidden = false;
    visibilityListener!();
    await vi.advanceTimersByTimeAsync(0);
    expect(readAt(start)).toEqual([10, 1810]);
    // Then soon again (the backoff starts over).
    await vi.advanceTimersByTimeAsync(20_000);
    expect(readAt(start)).toEqual([10, 1810, 1830]);
    p.stop();
  });

  it("does not start reading while the tab is hidden", async () => {
    counts = [5];
    hidden = true;
    const p = poller();
    p.start(5);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reads).toEqual([]);
    p.stop();
  });

  it("backs off after a failed read, and stops for good when the page goes", async () => {
    const start = Date.now();
    const p = poller(async () => {
      reads.push(Date.now());
      throw new Error("offline");
    });
    p.start(5);
    await vi.advanceTimersByTimeAsync(10_000 + 20_000);
    expect(readAt(start)).toEqual([10, 30]);
    expect(shown).toEqual([]);
    p.stop();
    expect(visibilityListener).toBeNull();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(readAt(start)).toEqual([10, 30]);
  });
});
