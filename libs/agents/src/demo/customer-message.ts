import type { TaskRequest } from '@a2a-mcp/core-graph';
import { findDependencyOutput } from './dependency-outputs';

/** The order facts a customer message mentions, from whatever upstream results the task received. */
export function orderStatusLine(task: TaskRequest, orderId: string): string {
  const payment = findDependencyOutput(task, 'transactionId', 'amount', 'currency');
  const shipment = findDependencyOutput(task, 'trackingNumber', 'carrier');
  const parts = [`Your order ${orderId} is confirmed.`];
  if (payment) parts.push(`We charged ${String(payment.amount)} ${String(payment.currency)}.`);
  if (shipment) parts.push(`It ships with ${String(shipment.carrier)}, tracking ${String(shipment.trackingNumber)}.`);
  return parts.join(' ');
}
