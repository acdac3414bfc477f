import type { Agent } from '../agent';
import { stableId } from '../support/stable-id';
import { optionalString } from '../support/task-input';
import { orderStatusLine } from './customer-message';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { resolveOrderId } from './dependency-outputs';
import { confidenceSchema, constSchema, objectSchema, stringSchema } from './output-schema';

export interface EmailOutput extends DemoOutput {
  recipient: string;
  messageId: string;
  status: 'sent';
  subject: string;
  body: string;
}

export function createEmailAgent(): Agent {
  return defineDemoAgent<EmailOutput>({
    name: 'email_agent',
    description: 'Emails customers about their orders.',
    skill: {
      id: 'send_email',
      name: 'Send email',
      description: 'Sends the order confirmation email to the customer.',
      tags: ['email', 'mail', 'confirmation', 'customer', 'notify', 'order'],
      examples: ['Email the order confirmation', 'Email the customer a receipt'],
      metadata: {
        consumes: ['payment_confirmation'],
        produces: ['confirmation_email'],
        expectedDurationMs: 40,
        qualityDomain: 'SERVICE',
        outputSchema: objectSchema({
          recipient: stringSchema(),
          messageId: stringSchema(),
          status: constSchema('sent'),
          subject: stringSchema(),
          body: stringSchema(),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'composing email', halfway: 'sending email' },
    produce(task) {
      const orderId = resolveOrderId(task);
      const recipient = optionalString(task, 'recipient') ?? `customer-${orderId}@example.com`;
      return {
        recipient,
        messageId: stableId('eml', orderId, recipient, task.runId),
        status: 'sent',
        subject: `Order ${orderId} confirmed`,
        body: orderStatusLine(task, orderId),
        confidence: 0.97,
      };
    },
  });
}
