// Work on one key sent together (app/utils/together.server.ts): alone when nothing waits, the
// waiting ones together behind the batch on its way, keys apart, errors to their own items.
import { describe, expect, it } from "vitest";
import { sentTogether, type Answered } from "../../app/utils/together.server";

/** A `send` whose batches the test answers by hand, and what it was sent. */
function manual() {
  const sent: { key: string; items: number[]; answer: (answers: Answered<string>[]) => void; fail: (error: unknown) => void }[] = [];
  const send = (key: string, items: number[]) =>
    new Promise<Answered<string>[]>((resolve, reject) => {
      sent.push({ key, items, answer: resolve, fail: reject });
    });
  return { sent, send };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const doubled = (items: number[]) => items.map((n) => ({ value: String(n * 2) }));

describe("sentTogether", () => {
  it("sends the first item alone, and those that came while it ran together next, in order", async () => {
    const { sent, send } = manual();
    const ask = sentTogether(send, { most: 10 });
    const first = ask("idea", 1);
    const later = [ask("idea", 2), ask("idea", 3), ask("idea", 4)];
    await tick();
    expect(sent.map((s) => s.items)).toEqual([[1]]);
    sent[0].answer(doubled(sent[0].items));
    expect(await first).toBe("2");
    await tick();
    expect(sent.map((s) => s.items)).toEqual([[1], [2, 3, 4]]);
    sent[1].answer(doubled(sent[1].items));
    expect(await Promise.all(later)).toEqual(["4", "6", "8"]);
    // Nothing waits now: the next item goes at once, alone.
    const again = ask("idea", 5);
    await tick();
    expect(sent.map((s) => s.items)).toEqual([[1], [2, 3, 4], [5]]);
    sent[2].answer(doubled(sent[2].items));
    expect(await again).toBe("10");
  });

  it("sends at most `most` items a batch", async () => {
    const { sent, send } = manual();
    const ask = sentTogether(send, { most: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => ask("k", n));
    for (let k = 0; k < 4; k++) {
      await tick();
      sent[k].answer(doubled(sent[k].items));
    }
    expect(await Promise.all(all)).toEqual(["2", "4", "6", "8", "10", "12"]);
    expect(sent.map((s) => s.items)).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it("keeps keys apart: another key's item does not wait", async () => {
    const { sent, send } = manual();
    const ask = sentTogether(send, { most: 10 });
    void ask("a", 1);
    void ask("b", 2);
    await tick();
    expect(sent.map((s) => [s.key, s.items])).toEqual([
      ["a", [1]],
      ["b", [2]],
    ]);
  });

  it("refuses a failed batch to its items only, an item's own error to that item, and goes on with the next batch", async () => {
    const { sent, send } = manual();
    const ask = sentTogether(send, { most: 10 });
    const first = ask("k", 1);
    const [second, third] = [ask("k", 2), ask("k", 3)];
    await tick();
    sent[0].fail(new Error("statement failed"));
    await expect(first).rejects.toThrow("statement failed");
    await tick();
    expect(sent[1].items).toEqual([2, 3]);
    sent[1].answer([{ value: "4" }, { error: new Error("this one") }]);
    expect(await second).toBe("4");
    await expect(third).rejects.toThrow("this one");
  });
});
