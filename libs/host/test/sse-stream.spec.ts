import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { formatSseEvent, heartbeatEvery, writeEventStream, type HeartbeatSchedule } from '../src/http/sse/sse-stream';

/** Just enough of an express Response for the stream writer. */
class FakeResponse extends EventEmitter {
  readonly chunks: string[] = [];
  readonly headers: Record<string, string> = {};
  statusCode = 0;
  ended = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  flushHeaders(): void {}
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
  }
}

/** An iterator that never yields until told, and records return(). */
function stalledIterator() {
  const state = { returned: false };
  const iterator: AsyncIterableIterator<WorkflowEvent> = {
    next: () => new Promise(() => undefined),
    return: () => {
      state.returned = true;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return { iterator, state };
}

describe('writeEventStream', () => {
  it('formats one event per SSE block with id = seq', () => {
    const event = { type: 'task_start', taskId: 'a', agent: 'x', attempt: 1, seq: 7, runId: 'r', at: 1 } as WorkflowEvent;
    expect(formatSseEvent(event)).toBe(`id: 7\nevent: task_start\ndata: ${JSON.stringify(event)}\n\n`);
  });

  it('sends a heartbeat comment on each beat while the run is quiet, and stops at once when the client goes away', async () => {
    const res = new FakeResponse();
    const { iterator, state } = stalledIterator();
    // A schedule driven by hand: no real timer, so a loaded machine cannot make beats late or early.
    const schedule = { beat: (): void => undefined, stopped: false };
    const heartbeat: HeartbeatSchedule = (beat) => {
      schedule.beat = beat;
      return () => {
        schedule.stopped = true;
      };
    };
    const done = writeEventStream(res as unknown as Response, iterator, () => true, heartbeat);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const heartbeats = () => res.chunks.filter((chunk) => chunk === ': heartbeat\n\n').length;
    expect(heartbeats()).toBe(0);
    schedule.beat();
    schedule.beat();
    expect(heartbeats()).toBe(2);
    expect(schedule.stopped).toBe(false);
    res.emit('close');
    await done;
    schedule.beat(); // a beat racing the close writes nothing
    expect(heartbeats()).toBe(2);
    expect(schedule.stopped).toBe(true);
    expect(state.returned).toBe(true);
    expect(res.ended).toBe(false); // the socket is gone: nothing to end
  });

  it('heartbeatEvery beats on a real interval timer and stops when told', () => {
    jest.useFakeTimers();
    try {
      let beats = 0;
      const stop = heartbeatEvery(15_000)(() => beats++);
      jest.advanceTimersByTime(44_999);
      expect(beats).toBe(2);
      stop();
      jest.advanceTimersByTime(60_000);
      expect(beats).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('an event that cannot be serialized is replaced, not fatal', async () => {
    const res = new FakeResponse();
    const events = [{ type: 'task_complete', seq: 1, runId: 'r', at: 0, output: { big: BigInt(1) } } as unknown as WorkflowEvent];
    let index = 0;
    const iterator: AsyncIterableIterator<WorkflowEvent> = {
      next: () => Promise.resolve(index < events.length ? { value: events[index++], done: false } : { value: undefined, done: true }),
      [Symbol.asyncIterator]: () => iterator,
    };
    await writeEventStream(res as unknown as Response, iterator, () => true);
    const block = res.chunks.find((chunk) => chunk.startsWith('id: 1'));
    expect(block).toContain('"unserializable"');
    expect(res.ended).toBe(true);
  });
});
