/** A sleep for the client that records what it was asked for and returns at once (rejecting when aborted, as a real one does). */
export function recordedSleep(): { sleeps: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
    },
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf<T extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
