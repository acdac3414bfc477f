import type { TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import { stableHash, stableId, stableInt } from '../support/stable-id';
import { invalidInput, isRecord } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { resolveOrderId } from './dependency-outputs';
import { arraySchema, confidenceSchema, constSchema, integerSchema, objectSchema, stringSchema } from './output-schema';

export interface InventoryItem {
  sku: string;
  quantity: number;
}

export interface InventoryOutput extends DemoOutput {
  orderId: string;
  reservationId: string;
  items: InventoryItem[];
  status: 'reserved';
}

export function createInventoryManagerAgent(): Agent {
  return defineDemoAgent<InventoryOutput>({
    name: 'inventory_manager',
    description: 'Checks stock and reserves the items of an order.',
    skill: {
      id: 'reserve_inventory',
      name: 'Reserve inventory',
      description: 'Reserves the ordered items in the warehouse so they can ship.',
      tags: ['inventory', 'stock', 'reserve', 'items', 'warehouse', 'order'],
      examples: ['Reserve the ordered items in inventory', 'Check stock for order #1042'],
      metadata: {
        consumes: ['order'],
        produces: ['inventory_reservation'],
        expectedDurationMs: 40,
        qualityDomain: 'SERVICE',
        outputSchema: objectSchema({
          orderId: stringSchema(),
          reservationId: stringSchema(),
          items: arraySchema(objectSchema({ sku: stringSchema(), quantity: integerSchema(1) }), 1),
          status: constSchema('reserved'),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'checking stock', halfway: 'reserving items' },
    produce(task) {
      const orderId = resolveOrderId(task);
      return {
        orderId,
        reservationId: stableId('res', orderId, task.runId),
        items: requestedItems(task) ?? derivedItems(orderId),
        status: 'reserved',
        confidence: 0.96,
      };
    },
  });
}

function requestedItems(task: TaskRequest): InventoryItem[] | undefined {
  const items = task.input.items;
  if (items === undefined) return undefined;
  const valid =
    Array.isArray(items) &&
    items.length > 0 &&
    items.every(
      (item) =>
        isRecord(item) &&
        typeof item.sku === 'string' &&
        item.sku.length > 0 &&
        Number.isInteger(item.quantity) &&
        (item.quantity as number) > 0,
    );
  if (!valid) throw invalidInput(task, 'items', 'a non-empty array of {sku: string, quantity: positive integer}', items);
  return (items as Array<Record<string, unknown>>).map((item) => ({ sku: item.sku as string, quantity: item.quantity as number }));
}

// One to three lines, stable for the order, when the input does not list them.
function derivedItems(orderId: string): InventoryItem[] {
  const count = stableInt(1, 3, 'lines', orderId);
  return Array.from({ length: count }, (_, line) => ({
    sku: `SKU-${(stableHash('sku', orderId, String(line)) % 100000).toString().padStart(5, '0')}`,
    quantity: stableInt(1, 3, 'qty', orderId, String(line)),
  }));
}
