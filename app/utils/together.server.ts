// Work on one key sent together (a "group commit"): the first item for a key goes at once, alone;
// the items for the same key that come while it is on its way wait, and go together as the next
// batch as soon as it is back, and so on until none waits. Nothing waits on a timer: an item
// waits only behind a batch already sent, so a quiet key sends each item alone as before, and a
// busy one sends as many as came while the last batch ran (decision 098: a crowd supporting one
// idea takes one statement, one row lock and one commit for several supports).

/** What `send` answers for each item of a batch, in order: a value, or the error it alone met. */
export type Answered<O> = { value: O } | { error: unknown };

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * A function that sends an item for a key and resolves with its answer: `send` gets the batch
 * (at most `most` items, in the order they came) and answers each. A batch that `send` throws
 * on is refused to all of its items; an item's own `{ error }` to that item only.
 */
export function sentTogether<K, I, O>(send: (key: K, items: I[]) => Promise<Answered<O>[]>, { most }: { most: number }): (key: K, item: I) => Promise<O> {
  const lanes = new Map<K, Waiting<I, O>[]>();

  async function drain(key: K, lane: Waiting<I, O>[]) {
    while (lane.length > 0) {
      const batch = lane.splice(0, most);
      try {
        const answers = await send(key, batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const answer = answers[i];
          if (!answer) w.reject(new Error("sentTogether: no answer for an item of the batch"));
          else if ("error" in answer) w.reject(answer.error);
          else w.resolve(answer.value);
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    // Nothing came while the last batch ran: the next item for this key goes at once.
    lanes.delete(key);
  }

  return (key, item) =>
    new Promise<O>((resolve, reject) => {
      const lane = lanes.get(key);
      if (lane) {
        lane.push({ item, resolve, reject });
        return;
      }
      const fresh = [{ item, resolve, reject }];
      lanes.set(key, fresh);
      void drain(key, fresh);
    });
}
