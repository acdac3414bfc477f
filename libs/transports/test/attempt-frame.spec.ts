import { TaskError } from '@a2a-mcp/core-graph';
import { BadAgentReplyError, isFinalFrame, parseAttemptFrame } from '../src';

const KEY = 'run-1/task-a/1';

describe('parseAttemptFrame', () => {
  it('accepts each kind of frame of this attempt', () => {
    expect(parseAttemptFrame({ kind: 'progress', key: KEY, pct: 50, message: 'half' }, KEY, 'a')).toEqual({ kind: 'progress', key: KEY, pct: 50, message: 'half' });
    expect(parseAttemptFrame({ kind: 'artifact', key: KEY, part: { name: 'x', data: 1 } }, KEY, 'a').kind).toBe('artifact');
    expect(parseAttemptFrame({ kind: 'input-required', key: KEY, inputId: 'i1', question: 'ok?' }, KEY, 'a').kind).toBe('input-required');
    expect(parseAttemptFrame({ kind: 'heartbeat', key: KEY, replicaId: 'r1' }, KEY, 'a').kind).toBe('heartbeat');
    const result = parseAttemptFrame({ kind: 'result', key: KEY, replicaId: 'r1', output: { ok: true } }, KEY, 'a');
    expect(result).toEqual({ kind: 'result', key: KEY, replicaId: 'r1', output: { ok: true } });
    expect(isFinalFrame(result)).toBe(true);
    const error = parseAttemptFrame({ kind: 'error', key: KEY, replicaId: 'r1', code: 'DECLINED', message: 'no', retryable: false }, KEY, 'a');
    expect(error).toMatchObject({ code: 'DECLINED', retryable: false });
    expect(isFinalFrame(error)).toBe(true);
  });

  it.each([
    [null, /must be an object, got null/],
    [[1], /must be an object, got object/],
    [{ kind: 'progress', pct: 1 }, /frame.key must be a string/],
    [{ kind: 'progress', key: 'run-1/task-a/2', pct: 1 }, /a frame for attempt "run-1\/task-a\/2" arrived on attempt "run-1\/task-a\/1"/],
    [{ kind: 'progress', key: KEY, pct: 'half' }, /progress frame: pct \(a number\)/],
    [{ kind: 'result', key: KEY, replicaId: 'r1' }, /result frame: output/],
    [{ kind: 'error', key: KEY, replicaId: 'r1', code: 'X', message: 'm' }, /error frame: retryable \(a boolean\)/],
    [{ kind: 'launch', key: KEY }, /unknown frame kind "launch"/],
  ])('refuses %j naming what is wrong', (raw, message) => {
    let caught: unknown;
    try {
      parseAttemptFrame(raw, KEY, 'payment_processor');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadAgentReplyError);
    expect(caught).toBeInstanceOf(TaskError);
    expect((caught as TaskError).code).toBe('BAD_AGENT_REPLY');
    expect((caught as TaskError).retryable).toBe(true);
    expect((caught as Error).message).toMatch(/agent "payment_processor"/);
    expect((caught as Error).message).toMatch(message);
  });
});
