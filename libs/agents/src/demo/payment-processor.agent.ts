import type { Agent } from '../agent';
import { roundTo, stableId, stableInt } from '../support/stable-id';
import { optionalNumber, optionalString } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { resolveOrderId } from './dependency-outputs';
import { confidenceSchema, constSchema, numberSchema, objectSchema, stringSchema } from './output-schema';

export interface PaymentOutput extends DemoOutput {
  orderId: string;
  transactionId: string;
  amount: number;
  currency: string;
  status: 'captured';
}

export function createPaymentProcessorAgent(): Agent {
  return defineDemoAgent<PaymentOutput>({
    name: 'payment_processor',
    description: "Charges the customer's payment method for an order.",
    skill: {
      id: 'process_payment',
      name: 'Process payment',
      description: 'Authorizes and captures the payment for an order; returns the transaction.',
      tags: ['payment', 'charge', 'card', 'billing', 'checkout', 'order', 'capture'],
      examples: ["Charge the customer's card for order #1042", 'Capture the payment for the order'],
      metadata: {
        consumes: ['order'],
        produces: ['payment_confirmation'],
        expectedDurationMs: 50,
        qualityDomain: 'SERVICE',
        outputSchema: objectSchema({
          orderId: stringSchema(),
          transactionId: stringSchema(),
          amount: numberSchema(0),
          currency: stringSchema(),
          status: constSchema('captured'),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'authorizing payment', halfway: 'capturing payment' },
    produce(task) {
      const orderId = resolveOrderId(task);
      // Without an amount in the input, a plausible one (10.00 to 499.99) fixed by the order.
      const amount = optionalNumber(task, 'amount', 0) ?? roundTo(stableInt(1000, 49999, 'amount', orderId) / 100, 2);
      return {
        orderId,
        transactionId: stableId('txn', orderId, task.runId),
        amount,
        currency: optionalString(task, 'currency')?.toUpperCase() ?? 'USD',
        status: 'captured',
        confidence: 0.98,
      };
    },
  });
}
