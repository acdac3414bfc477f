import { TaskError, type TaskExecutor } from '@a2a-mcp/core-graph';
import type { AgentCard } from '@a2a-mcp/agents';
import type { TraceCarrier } from '@a2a-mcp/observability';
import { Observable } from 'rxjs';
import { AttemptDeduplicator } from '../attempt/attempt-deduplicator';
import { InputAnswers } from '../attempt/input-answers';
import { serveTracedAttempt } from '../attempt/serve-traced-attempt';
import type { AttemptRequest } from '../wire/attempt-request';
import type {
  AgentCardsMessage,
  AnswerInputReplyMessage,
  AnswerInputRequestMessage,
  AttemptFrameMessage,
  ExecuteRequestMessage,
  GetCardRequestMessage,
  HealthReplyMessage,
} from './agent-proto';
import { fromJsonText, frameToMessage, messageToAttempt, toJsonText } from './frame-codec';

export interface GrpcAgentServiceOptions {
  /** Runs the tasks (an AgentRegistry over the replica's agents). */
  executor: TaskExecutor;
  /** The cards GetCard and Health report. */
  cards: readonly AgentCard[];
  /** Names this replica in heartbeats and final frames (e.g. the pod name). */
  replicaId: string;
  /** How often a running attempt sends a heartbeat frame (AGENT_HEARTBEAT_MS). */
  heartbeatMs: number;
  /** Shared across servers of one process if several serve the same agents; default: one per service. */
  dedup?: AttemptDeduplicator;
}

/**
 * The agent side of proto/agent.proto, free of Nest: the controller only forwards to it. An attempt
 * becomes an Observable of frames; unsubscribing (Nest does on a cancelled call — the client's cancel,
 * its deadline, a server shutdown) aborts the attempt's signal, which the agent's ctx.signal follows.
 */
export class GrpcAgentService {
  private readonly inputAnswers = new InputAnswers();
  private readonly dedup: AttemptDeduplicator;
  private readonly running = new Set<AbortController>();

  constructor(private readonly options: GrpcAgentServiceOptions) {
    if (!Number.isSafeInteger(options.heartbeatMs) || options.heartbeatMs < 1) {
      throw new RangeError(`heartbeatMs must be an integer ≥ 1, got ${options.heartbeatMs}`);
    }
    if (options.replicaId === '') throw new RangeError('replicaId must not be empty');
    this.dedup = options.dedup ?? new AttemptDeduplicator();
  }

  /** Attempts running now (their signal not yet aborted and their final frame not yet sent). */
  get activeAttempts(): number {
    return this.running.size;
  }

  /** `trace`: the call's trace metadata (traceparent, tracestate, baggage); else the request's traceparent. */
  execute(message: ExecuteRequestMessage, metadataKey?: string, trace: TraceCarrier = {}): Observable<AttemptFrameMessage> {
    return new Observable<AttemptFrameMessage>((subscriber) => {
      let request: AttemptRequest;
      try {
        request = messageToAttempt({ ...message, idempotencyKey: message.idempotencyKey || (metadataKey ?? '') });
      } catch (error) {
        subscriber.next(
          frameToMessage({
            kind: 'error',
            key: message.idempotencyKey || (metadataKey ?? ''),
            replicaId: this.options.replicaId,
            code: 'BAD_ATTEMPT_REQUEST',
            message: `the replica cannot run this ExecuteRequest: ${(error as Error).message}`,
            retryable: false,
          }),
        );
        subscriber.complete();
        return undefined;
      }
      const controller = new AbortController();
      this.running.add(controller);
      let finished = false;
      const sink = {
        emit: (frame: Parameters<typeof frameToMessage>[0]): void => {
          if (!subscriber.closed) subscriber.next(frameToMessage(frame));
        },
        inputAnswers: this.inputAnswers,
      };
      const carrier = trace.traceparent === undefined && request.traceparent !== undefined ? { ...trace, traceparent: request.traceparent } : trace;
      // The attempt runs in a span whose parent is the host's agent call, when tracing is on.
      void serveTracedAttempt(this.options.executor, request, sink, {
        replicaId: this.options.replicaId,
        heartbeatMs: this.options.heartbeatMs,
        signal: controller.signal,
        dedup: this.dedup,
        transport: 'grpc',
        trace: carrier,
      })
        .catch((error: unknown) => {
          // serveAttempt turns everything into frames; this is a last guard so a bug never drops the call silently.
          sink.emit({
            kind: 'error',
            key: request.idempotencyKey,
            replicaId: this.options.replicaId,
            code: 'AGENT_ERROR',
            message: error instanceof Error ? error.message : String(error),
            retryable: true,
          });
        })
        .finally(() => {
          finished = true;
          this.running.delete(controller);
          subscriber.complete();
        });
      return () => {
        if (finished) return;
        this.running.delete(controller);
        controller.abort(new TaskError('TASK_CANCELLED', `the gRPC call for attempt "${request.idempotencyKey}" was cancelled`, false));
      };
    });
  }

  answerInput(message: AnswerInputRequestMessage): AnswerInputReplyMessage {
    let answer: unknown;
    try {
      answer = fromJsonText(message.answerJson);
    } catch (error) {
      throw new TaskError('BAD_INPUT_ANSWER', `answer_json is not valid JSON (${(error as Error).message})`, false);
    }
    return { accepted: this.inputAnswers.answer(message.inputId, answer) };
  }

  getCards(message: GetCardRequestMessage): AgentCardsMessage {
    const cards = message.name === '' ? this.options.cards : this.options.cards.filter((card) => card.name === message.name);
    return { cardsJson: cards.map((card) => toJsonText(card)) };
  }

  health(): HealthReplyMessage {
    return { status: 'SERVING', replicaId: this.options.replicaId, agents: this.options.cards.map((card) => card.name) };
  }
}
