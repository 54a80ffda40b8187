/**
 * Reads up to `limit` items of an async iterable ahead of its consumer, so the producer (the reading child of
 * ./isolated-read.ts, which otherwise waits on pipe back-pressure) keeps parsing while the consumer awaits the
 * database. Memory stays bounded by `limit` items; order, errors and the end are passed through as they come.
 * The loan import reads its rows through it (bench/README.md, "Loan import of a province").
 */
export async function* readAhead<T>(source: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: IteratorResult<T>[] = [];
  const state: { failure: { error: unknown } | null } = { failure: null };
  let wake: (() => void) | null = null;
  let pulling = false;
  let done = false;

  const pull = async () => {
    if (pulling) return;
    pulling = true;
    try {
      while (!done && !state.failure && queue.length < limit) {
        const next = await iterator.next();
        queue.push(next);
        if (next.done) done = true;
        wake?.();
      }
    } catch (error) {
      state.failure = { error };
      wake?.();
    } finally {
      pulling = false;
    }
  };

  try {
    for (;;) {
      void pull();
      if (!queue.length && !state.failure) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const next = queue.shift();
      if (next) {
        if (next.done) return;
        yield next.value;
      } else if (state.failure) throw state.failure.error;
    }
  } finally {
    // The consumer stopped early (an error, a break): let the source clean up (the child is killed).
    if (!done) await iterator.return?.();
  }
}
