import type { AgentSkill } from '@a2a-mcp/agents';
import { TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import { DomainAgent, type DomainAgentExecutor } from '@a2a-mcp/orchestration';
import { Inject, Optional } from '@nestjs/common';

/** The name plans use to run a task on this agent: `"agent": "fraud_check"`. */
export const FRAUD_CHECK_AGENT = 'fraud_check';

export type FraudDecision = 'approve' | 'review' | 'reject';

/** What one fraud check returns (the skill's outputSchema below describes the same shape). */
export interface FraudCheckOutput {
  orderId: string;
  /** 0 (no risk signal) to 1, two decimals. */
  riskScore: number;
  decision: FraudDecision;
  /** One line per risk signal that fired, or "no risk signals". */
  reasons: string[];
  /** The agent's confidence in [0, 1]: higher the more signals it could check. The quality checks read it. */
  confidence: number;
}

/** What a host may tune with `FraudCheckModule.forFeature(options)`. */
export interface FraudCheckOptions {
  /** riskScore at or above which an order goes to manual review (default 0.3). */
  reviewAt?: number;
  /** riskScore at or above which an order is rejected (default 0.6). */
  rejectAt?: number;
  /** Email domains of throwaway mailboxes (default: a few well-known ones). */
  disposableEmailDomains?: string[];
  /** ISO 3166-1 alpha-2 codes the business treats as high risk (default: none). */
  highRiskCountries?: string[];
}

/** Injection token of the options `FraudCheckModule.forFeature()` provides. */
export const FRAUD_CHECK_OPTIONS = 'FRAUD_CHECK_OPTIONS';

export const DEFAULT_FRAUD_CHECK_OPTIONS: Readonly<Required<FraudCheckOptions>> = Object.freeze({
  reviewAt: 0.3,
  rejectAt: 0.6,
  disposableEmailDomains: ['mailinator.com', 'guerrillamail.com', '10minutemail.com', 'yopmail.com', 'trashmail.com'],
  highRiskCountries: [],
});

/** The options with defaults applied; throws (at module set-up, not per task) when they make no sense. */
export function resolveFraudCheckOptions(options: FraudCheckOptions = {}): Required<FraudCheckOptions> {
  const resolved = { ...DEFAULT_FRAUD_CHECK_OPTIONS, ...options };
  const { reviewAt, rejectAt } = resolved;
  if (!(reviewAt > 0 && reviewAt <= 1)) throw new Error(`fraud_check options: reviewAt must be a number in (0, 1], got ${String(reviewAt)}`);
  if (!(rejectAt > reviewAt && rejectAt <= 1)) {
    throw new Error(`fraud_check options: rejectAt must be a number in (reviewAt, 1], got ${String(rejectAt)} (reviewAt ${reviewAt})`);
  }
  return {
    reviewAt,
    rejectAt,
    disposableEmailDomains: resolved.disposableEmailDomains.map((domain) => domain.toLowerCase()),
    highRiskCountries: resolved.highRiskCountries.map((country) => country.toUpperCase()),
  };
}

/**
 * The skill on the agent card. The planner matches requests against `tags` and `examples` and wires
 * it after whatever produces `payment_confirmation`; the quality checks validate every output
 * against `outputSchema` (ANALYTICAL: the agent must vouch for its result with confidence >= 0.9).
 */
export const FRAUD_CHECK_SKILL: AgentSkill = {
  id: 'score_order_fraud',
  name: 'Score order fraud risk',
  description: 'Scores an order for fraud from its amount, countries, email domain, velocity and the upstream payment; approves, sends to review or rejects.',
  tags: ['fraud', 'risk', 'score', 'screening', 'order', 'payment', 'chargeback'],
  examples: ['Check order #1042 for fraud', 'Screen the order for fraud before shipping it'],
  metadata: {
    consumes: ['order', 'payment_confirmation'],
    produces: ['fraud_assessment'],
    expectedDurationMs: 30,
    qualityDomain: 'ANALYTICAL',
    outputSchema: {
      type: 'object',
      properties: {
        orderId: { type: 'string', minLength: 1 },
        riskScore: { type: 'number', minimum: 0, maximum: 1 },
        decision: { type: 'string', enum: ['approve', 'review', 'reject'] },
        reasons: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['orderId', 'riskScore', 'decision', 'reasons', 'confidence'],
    },
  },
};

/** The task input this agent reads, validated (see `readOrder`). */
interface OrderFacts {
  orderId: string;
  amount: number;
  /** Whether an upstream payment's output was received. */
  paid: boolean;
  /** The amount the upstream payment captured, when the order states its own amount too. */
  chargedAmount?: number;
  country?: string;
  billingCountry?: string;
  emailDomain?: string;
  ordersLast24h?: number;
  accountAgeDays?: number;
  failOnReject: boolean;
  durationMs: number;
}

/**
 * `fraud_check`: scores an order for fraud. Deterministic: the same input always yields the same
 * score. Each rule adds to the risk score (capped at 1):
 *
 * | signal                                          | risk          |
 * |-------------------------------------------------|---------------|
 * | amount >= 2000 (>= 500)                         | +0.30 (+0.10) |
 * | email on a disposable-mailbox domain            | +0.30         |
 * | billing country differs from shipping country   | +0.20         |
 * | shipping country in `highRiskCountries`         | +0.25         |
 * | >= 10 orders in the last 24 h (>= 3)            | +0.35 (+0.15) |
 * | account younger than a day                      | +0.15         |
 * | upstream payment captured a different amount    | +0.25         |
 *
 * riskScore >= rejectAt → reject, >= reviewAt → review, else approve.
 */
@DomainAgent({
  name: FRAUD_CHECK_AGENT,
  description: 'Scores orders for fraud risk and decides: approve, review or reject.',
  skills: [FRAUD_CHECK_SKILL],
})
export class FraudCheckAgent implements DomainAgentExecutor {
  private readonly options: Required<FraudCheckOptions>;

  constructor(@Optional() @Inject(FRAUD_CHECK_OPTIONS) options?: FraudCheckOptions) {
    this.options = resolveFraudCheckOptions(options);
  }

  async execute(task: TaskRequest, ctx: TaskContext): Promise<FraudCheckOutput> {
    // All validation first: bad input fails at once (not retried) and before any work.
    const order = readOrder(task);
    ctx.progress(0, `checking order ${order.orderId}`);

    // Simulated work on the run's clock: ctx.sleep rejects as soon as the run is cancelled or the
    // attempt times out (ctx.signal aborts), so a cancelled check stops here.
    const half = order.durationMs / 2;
    if (half > 0) await ctx.sleep(half);
    ctx.progress(50, 'scoring risk signals');
    const output = this.assess(order);
    if (half > 0) await ctx.sleep(order.durationMs - half);
    ctx.progress(100, `${output.decision} (risk ${output.riskScore})`);

    if (order.failOnReject && output.decision === 'reject') {
      // Failing (not retryable) skips every task that depends on this one, e.g. shipping.
      throw new TaskError(
        'FRAUD_REJECTED',
        `task "${task.taskId}": order ${order.orderId} rejected, risk ${output.riskScore}: ${output.reasons.join('; ')}`,
        false,
      );
    }
    return output;
  }

  /** The scoring rules (see the class comment). Pure: the same facts always give the same output. */
  private assess(order: OrderFacts): FraudCheckOutput {
    const reasons: string[] = [];
    let risk = 0;
    const flag = (points: number, reason: string) => {
      risk += points;
      reasons.push(reason);
    };

    const amount = Math.max(order.amount, order.chargedAmount ?? 0);
    if (amount >= 2000) flag(0.3, `high amount: ${amount} >= 2000`);
    else if (amount >= 500) flag(0.1, `elevated amount: ${amount} >= 500`);
    if (order.emailDomain !== undefined && this.options.disposableEmailDomains.includes(order.emailDomain)) {
      flag(0.3, `disposable email domain: ${order.emailDomain}`);
    }
    if (order.country !== undefined && order.billingCountry !== undefined && order.country !== order.billingCountry) {
      flag(0.2, `billing country ${order.billingCountry} differs from shipping country ${order.country}`);
    }
    if (order.country !== undefined && this.options.highRiskCountries.includes(order.country)) {
      flag(0.25, `shipping country ${order.country} is on the high-risk list`);
    }
    if (order.ordersLast24h !== undefined && order.ordersLast24h >= 10) flag(0.35, `velocity: ${order.ordersLast24h} orders in 24 h`);
    else if (order.ordersLast24h !== undefined && order.ordersLast24h >= 3) flag(0.15, `velocity: ${order.ordersLast24h} orders in 24 h`);
    if (order.accountAgeDays !== undefined && order.accountAgeDays < 1) flag(0.15, 'new account: less than a day old');
    if (order.chargedAmount !== undefined && order.chargedAmount !== order.amount) {
      flag(0.25, `payment captured ${order.chargedAmount}, the order is for ${order.amount}`);
    }

    const riskScore = Math.round(Math.min(1, risk) * 100) / 100;
    const decision: FraudDecision =
      riskScore >= this.options.rejectAt ? 'reject' : riskScore >= this.options.reviewAt ? 'review' : 'approve';
    // Each optional signal the order supplied makes the verdict better founded.
    const known = [order.country, order.billingCountry, order.emailDomain, order.ordersLast24h, order.accountAgeDays].filter((v) => v !== undefined);
    const confidence = Math.round((0.9 + 0.015 * (known.length + (order.paid ? 1 : 0))) * 1000) / 1000;
    return { orderId: order.orderId, riskScore, decision, reasons: reasons.length > 0 ? reasons : ['no risk signals'], confidence };
  }
}

// ---------------------------------------------------------------------------------------------
// Input: `task.input` as the plan gives it, plus the output of an upstream payment if one ran first.

const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const EMAIL = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

function readOrder(task: TaskRequest): OrderFacts {
  const payment = upstreamPayment(task);

  const givenOrderId = read(task, 'orderId', 'a non-empty string or a non-negative integer', (v) =>
    typeof v === 'string' ? v.trim().replace(/^#/, '') || undefined : Number.isInteger(v) && (v as number) >= 0 ? String(v) : undefined,
  );
  const orderId = givenOrderId ?? payment?.orderId;
  if (orderId === undefined) throw invalidInput(task, 'orderId', 'given when no upstream payment names the order', undefined);

  const givenAmount = read(task, 'amount', 'a non-negative number', nonNegativeNumber);
  const amount = givenAmount ?? payment?.amount;
  if (amount === undefined) throw invalidInput(task, 'amount', 'given when no upstream payment carries the amount', undefined);

  const countryCode = (v: unknown) => (typeof v === 'string' && COUNTRY_CODE.test(v) ? v.toUpperCase() : undefined);
  const facts: OrderFacts = {
    orderId,
    amount,
    paid: payment !== undefined,
    country: read(task, 'country', 'a two-letter country code (ISO 3166-1 alpha-2)', countryCode),
    billingCountry: read(task, 'billingCountry', 'a two-letter country code (ISO 3166-1 alpha-2)', countryCode),
    emailDomain: read(task, 'email', 'an email address (name@domain.tld)', (v) =>
      typeof v === 'string' ? EMAIL.exec(v)?.[1].toLowerCase() : undefined,
    ),
    ordersLast24h: read(task, 'ordersLast24h', 'a non-negative integer', (v) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined)),
    accountAgeDays: read(task, 'accountAgeDays', 'a non-negative number of days', nonNegativeNumber),
    failOnReject: read(task, 'failOnReject', 'true or false', (v) => (typeof v === 'boolean' ? v : undefined)) ?? false,
    durationMs: read(task, 'durationMs', 'a non-negative number of milliseconds', nonNegativeNumber) ?? 0,
  };
  // The payment's amount is a signal of its own only when the order states the amount too.
  if (givenAmount !== undefined && payment?.amount !== undefined) facts.chargedAmount = payment.amount;
  return facts;
}

/** The upstream payment: the first dependency output (by task id) that carries a `transactionId`. */
function upstreamPayment(task: TaskRequest): { orderId?: string; amount?: number } | undefined {
  for (const id of Object.keys(task.dependencyOutputs).sort()) {
    const output = task.dependencyOutputs[id];
    if (typeof output !== 'object' || output === null || !('transactionId' in output)) continue;
    const { orderId, amount } = output as Record<string, unknown>;
    return {
      orderId: typeof orderId === 'string' && orderId.length > 0 ? orderId : undefined,
      amount: nonNegativeNumber(amount),
    };
  }
  return undefined;
}

function nonNegativeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * `task.input[field]` converted by `parse`: undefined when absent; INVALID_INPUT naming the field
 * when present but `parse` rejects it (returns undefined).
 */
function read<T>(task: TaskRequest, field: string, expected: string, parse: (value: unknown) => T | undefined): T | undefined {
  const value = task.input[field];
  if (value === undefined) return undefined;
  const parsed = parse(value);
  if (parsed === undefined) throw invalidInput(task, field, expected, value);
  return parsed;
}

/** Bad input is the caller's to fix: a non-retryable INVALID_INPUT naming the task and the field. */
function invalidInput(task: TaskRequest, field: string, expected: string, got: unknown): TaskError {
  const shown = got === undefined ? 'it is missing' : `got ${(JSON.stringify(got) ?? String(got)).slice(0, 60)}`;
  return new TaskError('INVALID_INPUT', `task "${task.taskId}": input.${field} must be ${expected} (${shown})`, false);
}
