import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OrchestratorConfigError, validateOrchestratorEnv } from '@a2a-mcp/orchestration';
import { HostLogger } from '../../src/logging/host-logger';
import { CapturedOutput } from './captured-output';

// Nest calls a LoggerService as its Logger does: (message, ...params, context).
describe('HostLogger', () => {
  it('writes one JSON object per line: level, ISO time, context, msg and the fields of an object message', () => {
    const out = new CapturedOutput();
    const logger = new HostLogger('info', { format: 'json', destination: out });
    logger.log({ msg: 'run r-1 started', runId: 'r-1', tasks: 3 }, 'Runs');
    logger.warn({ msg: 'task t-2 of run r-1 failed', runId: 'r-1', taskId: 't-2' }, 'Runs');
    logger.log('plain text', 'Api');

    const lines = out.json();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ level: 'info', time: expect.any(String), context: 'Runs', msg: 'run r-1 started', runId: 'r-1', tasks: 3 });
    expect(Number.isNaN(Date.parse(lines[0].time as string))).toBe(false);
    expect(lines[1]).toMatchObject({ level: 'warn', runId: 'r-1', taskId: 't-2', msg: 'task t-2 of run r-1 failed' });
    expect(lines[2]).toMatchObject({ level: 'info', context: 'Api', msg: 'plain text' });
    expect(lines[2]).not.toHaveProperty('trace_id');
  });

  it('LOG_LEVEL=warn leaves out info and debug lines; debug keeps them', () => {
    const quiet = new CapturedOutput();
    const warnLogger = new HostLogger('warn', { format: 'json', destination: quiet });
    warnLogger.log('an info line', 'Runs');
    warnLogger.debug('a debug line', 'Http');
    warnLogger.warn('a warning', 'Runs');
    warnLogger.error('an error', undefined, 'Api');
    expect(quiet.json().map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'a warning'],
      ['error', 'an error'],
    ]);

    const chatty = new CapturedOutput();
    const debugLogger = new HostLogger('debug', { format: 'json', destination: chatty });
    debugLogger.debug('a debug line', 'Http');
    debugLogger.verbose('a verbose line', 'Http');
    expect(chatty.json().map((line) => [line.level, line.msg])).toEqual([
      ['debug', 'a debug line'],
      ['debug', 'a verbose line'],
    ]);
  });

  it("hides Nest's start-up lines and its boot error below debug, shows them at debug", () => {
    const boot = (logger: HostLogger): void => {
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('Mapped {/v1/runs, POST} route', 'RouterExplorer');
      logger.error('listen EADDRINUSE', 'Error: listen EADDRINUSE\n    at Server.listen (node:net:1:1)', 'ExceptionHandler');
      logger.log('an ordinary line', 'Runs');
    };
    const info = new CapturedOutput();
    boot(new HostLogger('info', { format: 'json', destination: info }));
    expect(info.json().map((line) => line.msg)).toEqual(['an ordinary line']);

    const debug = new CapturedOutput();
    boot(new HostLogger('debug', { format: 'json', destination: debug }));
    const lines = debug.json();
    expect(lines.map((line) => line.context)).toEqual(['InstanceLoader', 'RouterExplorer', 'ExceptionHandler', 'Runs']);
    expect(lines[2]).toMatchObject({ level: 'error', msg: 'listen EADDRINUSE', stack: expect.stringContaining('at Server.listen') });
  });

  it('LOG_FORMAT=pretty writes human lines, not JSON; auto is pretty on a terminal only', () => {
    const pretty = new CapturedOutput();
    new HostLogger('info', { format: 'pretty', destination: pretty }).log({ msg: 'run r-9 started', runId: 'r-9' }, 'Runs');
    expect(pretty.text).toMatch(/INFO.*\[Runs\] run r-9 started/);
    expect(pretty.text).toContain('"runId":"r-9"');
    expect(pretty.text.split('\n')).toHaveLength(2); // one line, then the newline
    expect(() => JSON.parse(pretty.text.split('\n')[0])).toThrow();
    // Not a terminal: no colour codes even when pretty is forced.
    expect(pretty.text).not.toContain('\u001b[');

    const terminal = new CapturedOutput(true);
    new HostLogger('info', { destination: terminal }).log('on a terminal', 'Runs');
    expect(terminal.text).toContain('on a terminal');
    expect(() => JSON.parse(terminal.text)).toThrow();

    const pipe = new CapturedOutput(false);
    new HostLogger('info', { destination: pipe }).log('into a pipe', 'Runs');
    expect(pipe.json()).toEqual([expect.objectContaining({ msg: 'into a pipe' })]);

    const forcedJson = new CapturedOutput(true);
    new HostLogger('info', { format: 'json', destination: forcedJson }).log('json on a terminal', 'Runs');
    expect(forcedJson.json()).toEqual([expect.objectContaining({ msg: 'json on a terminal' })]);
  });

  describe('with a span active where the line is logged', () => {
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
    afterAll(() => {
      contextManager.disable();
      context.disable();
    });

    it('adds its trace_id and span_id (and none outside it)', async () => {
      const out = new CapturedOutput();
      const logger = new HostLogger('info', { format: 'json', destination: out });
      const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
      await context.with(trace.setSpan(context.active(), trace.wrapSpanContext(spanContext)), async () => {
        logger.log({ msg: 'inside', runId: 'r-3' }, 'Runs');
        await new Promise((resolve) => setImmediate(resolve));
        logger.log('still inside, after an await', 'Runs');
      });
      logger.log('outside', 'Runs');

      const [inside, afterAwait, outside] = out.json();
      expect(inside).toMatchObject({ msg: 'inside', runId: 'r-3', trace_id: spanContext.traceId, span_id: spanContext.spanId });
      expect(afterAwait).toMatchObject({ trace_id: spanContext.traceId, span_id: spanContext.spanId });
      expect(outside).not.toHaveProperty('trace_id');
      expect(outside).not.toHaveProperty('span_id');
    });
  });
});

describe('LOG_FORMAT', () => {
  it('is auto by default, json or pretty in any case, and anything else is an error naming the variable', () => {
    expect(validateOrchestratorEnv({}).logFormat).toBe('auto');
    expect(validateOrchestratorEnv({ LOG_FORMAT: ' JSON ' }).logFormat).toBe('json');
    expect(validateOrchestratorEnv({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    let error: unknown;
    try {
      validateOrchestratorEnv({ LOG_FORMAT: 'xml', LOG_LEVEL: 'info' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(OrchestratorConfigError);
    expect((error as OrchestratorConfigError).issues).toEqual([{ variable: 'LOG_FORMAT', value: 'xml', allowed: 'one of auto, json, pretty' }]);
    expect((error as Error).message).toBe('invalid configuration: LOG_FORMAT="xml" (allowed: one of auto, json, pretty)');
  });
});
