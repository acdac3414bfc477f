import { TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import type { AgentSkill } from '../agent-card';
import { isRecord, optionalNumber, optionalString } from '../support/task-input';
import type { DemoOutput } from './define-demo-agent';
import { findDependencyOutput, resolveOrderId } from './dependency-outputs';
import { confidenceSchema, numberSchema, objectSchema, stringSchema } from './output-schema';

export const APPROVAL_AGENT = 'approval_agent';

/** How many unclear answers the agent asks again after, before it gives up. */
export const APPROVAL_MAX_QUESTIONS = 3;

export interface ApprovalOutput extends DemoOutput {
  orderId: string;
  amount: number;
  currency: string;
  approved: true;
  /** Who approved: the answer's `approver`, else `input.approver`, else "operator". */
  approver: string;
}

const YES = new Set(['yes', 'y', 'approve', 'approved', 'ok', 'true']);
const NO = new Set(['no', 'n', 'reject', 'rejected', 'deny', 'denied', 'false']);

interface Decision {
  approved: boolean;
  approver?: string;
  reason?: string;
}

const APPROVAL_SKILL: AgentSkill = {
  id: 'approve_order',
  name: 'Approve an order',
  description: 'Pauses the run and asks a person to approve the order (yes/no); the answer decides whether the order goes on.',
  tags: ['approval', 'approve', 'sign-off', 'manual', 'review', 'human'],
  examples: ['Ask a manager to approve order #1042', 'Get sign-off before shipping the order'],
  metadata: {
    consumes: ['order', 'payment_confirmation'],
    produces: ['order_approval'],
    expectedDurationMs: 0,
    qualityDomain: 'SERVICE',
    outputSchema: objectSchema({
      orderId: stringSchema(),
      amount: numberSchema(0),
      currency: stringSchema(),
      approved: { type: 'boolean', enum: [true] },
      approver: stringSchema(),
      confidence: confidenceSchema(),
    }),
  },
};

/**
 * `approval_agent`: a human in the loop. It pauses its task with `ctx.requestInput("Approve order
 * 1042 for $129.90? (yes/no)")` — the run shows the task `paused` with that question and streams
 * `task_paused` — and goes on when the answer arrives (`POST /v1/runs/:id/input`). Yes completes
 * with `{approved: true, approver}`; no fails the task with the non-retryable APPROVAL_REJECTED, so
 * every dependent task is skipped (nothing ships unapproved). An unclear answer is asked again, at
 * most APPROVAL_MAX_QUESTIONS times in all, then INVALID_ANSWER.
 */
export function createApprovalAgent(): Agent {
  return {
    card: {
      name: APPROVAL_AGENT,
      description: 'Asks a person to approve an order and waits for the answer.',
      version: '1.0.0',
      capabilities: { streaming: true, pushNotifications: false, stateTransitionHistory: false },
      defaultInputModes: ['application/json', 'text/plain'],
      defaultOutputModes: ['application/json'],
      skills: [APPROVAL_SKILL],
    },
    async execute(task: TaskRequest, ctx: TaskContext): Promise<ApprovalOutput> {
      const order = readOrder(task);
      const question = `Approve order ${order.orderId} for ${formatMoney(order.amount, order.currency)}? (yes/no)`;
      ctx.progress(0, `waiting for approval of order ${order.orderId}`);
      let asked = question;
      for (let round = 1; ; round++) {
        const decision = parseAnswer(await ctx.requestInput(asked));
        if (decision?.approved === true) {
          ctx.progress(100, `order ${order.orderId} approved`);
          const approver = decision.approver ?? order.approver;
          return { orderId: order.orderId, amount: order.amount, currency: order.currency, approved: true, approver, confidence: 1 };
        }
        if (decision?.approved === false) {
          const by = decision.approver ?? order.approver;
          const why = decision.reason === undefined ? '' : `: ${decision.reason}`;
          throw new TaskError('APPROVAL_REJECTED', `task "${task.taskId}": order ${order.orderId} was not approved by ${by}${why}`, false);
        }
        if (round >= APPROVAL_MAX_QUESTIONS) {
          throw new TaskError('INVALID_ANSWER', `task "${task.taskId}": no yes/no answer after ${round} questions`, false);
        }
        asked = `Please answer yes or no. ${question}`;
      }
    },
  };
}

interface ApprovalRequest {
  orderId: string;
  amount: number;
  currency: string;
  approver: string;
}

/** The order from the input, else from an upstream payment (`orderId`, `amount`, `currency`). */
function readOrder(task: TaskRequest): ApprovalRequest {
  const payment = findDependencyOutput(task, 'transactionId', 'amount');
  const upstreamAmount = typeof payment?.amount === 'number' && payment.amount >= 0 ? payment.amount : undefined;
  const amount = optionalNumber(task, 'amount', 0) ?? upstreamAmount;
  if (amount === undefined) {
    throw new TaskError('INVALID_INPUT', `task "${task.taskId}": input.amount must be given when no upstream payment carries it (it is missing)`, false);
  }
  const upstreamCurrency = typeof payment?.currency === 'string' && payment.currency.length > 0 ? payment.currency : undefined;
  return {
    orderId: resolveOrderId(task),
    amount,
    currency: (optionalString(task, 'currency') ?? upstreamCurrency ?? 'USD').toUpperCase(),
    approver: optionalString(task, 'approver') ?? 'operator',
  };
}

/** "yes"/"no" (and y, approve, reject, ...), true/false, or {approved, approver?, reason?}; undefined when unclear. */
export function parseAnswer(answer: unknown): Decision | undefined {
  if (typeof answer === 'boolean') return { approved: answer };
  if (typeof answer === 'string') {
    const word = answer.trim().toLowerCase();
    if (YES.has(word)) return { approved: true };
    if (NO.has(word)) return { approved: false };
    return undefined;
  }
  if (isRecord(answer) && typeof answer.approved === 'boolean') {
    const decision: Decision = { approved: answer.approved };
    if (typeof answer.approver === 'string' && answer.approver.trim().length > 0) decision.approver = answer.approver.trim();
    if (typeof answer.reason === 'string' && answer.reason.trim().length > 0) decision.reason = answer.reason.trim();
    return decision;
  }
  return undefined;
}

function formatMoney(amount: number, currency: string): string {
  const fixed = amount.toFixed(2);
  return currency === 'USD' ? `$${fixed}` : `${fixed} ${currency}`;
}
