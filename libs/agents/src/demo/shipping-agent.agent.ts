import { TaskError, type TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import { stableHash } from '../support/stable-id';
import { optionalString } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { findDependencyOutput, resolveOrderId } from './dependency-outputs';
import { confidenceSchema, objectSchema, stringSchema } from './output-schema';

export interface ShippingOutput extends DemoOutput {
  orderId: string;
  trackingNumber: string;
  carrier: string;
  labelUrl: string;
}

const CARRIERS = ['UPS', 'FedEx', 'DHL'];

export function createShippingAgent(): Agent {
  return defineDemoAgent<ShippingOutput>({
    name: 'shipping_agent',
    description: 'Books the shipment of a paid, reserved order and creates its label.',
    skill: {
      id: 'create_shipment',
      name: 'Create shipment',
      description: 'Creates the shipping label and tracking number once payment and stock are secured.',
      tags: ['shipping', 'shipment', 'label', 'delivery', 'carrier', 'tracking', 'order'],
      examples: ['Create the shipping label', 'Print a shipping label for order #1042'],
      metadata: {
        consumes: ['payment_confirmation', 'inventory_reservation'],
        produces: ['shipping_label'],
        expectedDurationMs: 50,
        qualityDomain: 'SERVICE',
        outputSchema: objectSchema({
          orderId: stringSchema(),
          trackingNumber: stringSchema(),
          carrier: stringSchema(),
          labelUrl: stringSchema(),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'booking carrier', halfway: 'printing label' },
    produce(task) {
      const orderId = resolveOrderId(task);
      checkUpstream(task);
      const carrier = optionalString(task, 'carrier') ?? CARRIERS[stableHash('carrier', orderId) % CARRIERS.length];
      const trackingNumber = `1Z${stableHash('tracking', orderId, task.runId).toString(16).toUpperCase().padStart(8, '0')}`;
      return {
        orderId,
        trackingNumber,
        carrier,
        labelUrl: `https://labels.example.com/${carrier.toLowerCase()}/${trackingNumber}.pdf`,
        confidence: 0.95,
      };
    },
  });
}

/** Ships only what was paid for and reserved: checks whichever upstream results the task received. */
function checkUpstream(task: TaskRequest): void {
  const payment = findDependencyOutput(task, 'transactionId', 'status');
  if (payment && payment.status !== 'captured') {
    throw new TaskError('PAYMENT_NOT_CAPTURED', `task "${task.taskId}": payment is "${String(payment.status)}", not captured`, false);
  }
  const reservation = findDependencyOutput(task, 'reservationId', 'status');
  if (reservation && reservation.status !== 'reserved') {
    throw new TaskError('INVENTORY_NOT_RESERVED', `task "${task.taskId}": inventory is "${String(reservation.status)}", not reserved`, false);
  }
  // Order ids are not cross-checked: a source task whose description names no order derives one
  // from the run, so siblings may disagree; the payment's order (resolved first) is the one shipped.
}
