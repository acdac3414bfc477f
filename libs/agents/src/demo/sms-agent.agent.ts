import type { Agent } from '../agent';
import { stableHash, stableId } from '../support/stable-id';
import { optionalString } from '../support/task-input';
import { orderStatusLine } from './customer-message';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { resolveOrderId } from './dependency-outputs';
import { confidenceSchema, constSchema, objectSchema, stringSchema } from './output-schema';

export interface SmsOutput extends DemoOutput {
  recipient: string;
  messageId: string;
  status: 'sent';
  body: string;
}

export function createSmsAgent(): Agent {
  return defineDemoAgent<SmsOutput>({
    name: 'sms_agent',
    description: 'Texts customers about their orders.',
    skill: {
      id: 'send_sms',
      name: 'Send SMS',
      description: 'Sends the customer a text message with the order status.',
      tags: ['sms', 'text', 'message', 'phone', 'customer', 'notify', 'order'],
      examples: ['Text the customer the order status', 'Send an SMS when the order is paid'],
      metadata: {
        consumes: ['payment_confirmation'],
        produces: ['status_sms'],
        expectedDurationMs: 30,
        qualityDomain: 'SERVICE',
        outputSchema: objectSchema({
          recipient: stringSchema(),
          messageId: stringSchema(),
          status: constSchema('sent'),
          body: stringSchema(),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'composing text', halfway: 'sending text' },
    produce(task) {
      const orderId = resolveOrderId(task);
      // 555-01xx numbers are reserved for fiction, so a demo never texts a real phone.
      const recipient = optionalString(task, 'recipient') ?? `+120255501${(stableHash('phone', orderId) % 100).toString().padStart(2, '0')}`;
      return {
        recipient,
        messageId: stableId('sms', orderId, recipient, task.runId),
        status: 'sent',
        body: orderStatusLine(task, orderId),
        confidence: 0.96,
      };
    },
  });
}
