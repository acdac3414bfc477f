import type { TaskContext } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import type { JsonSchema } from '../../src';

// Outputs and schemas shaped like the demo agents' (libs/agents/src/demo/*.agent.ts), written out
// so each unit test reads on its own.

const text: JsonSchema = { type: 'string', minLength: 1 };
const confidence: JsonSchema = { type: 'number', minimum: 0, maximum: 1 };

export const PAYMENT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    orderId: text,
    transactionId: text,
    amount: { type: 'number', minimum: 0 },
    currency: text,
    status: { type: 'string', enum: ['captured'] },
    confidence,
  },
  required: ['orderId', 'transactionId', 'amount', 'currency', 'status', 'confidence'],
};

export const PAYMENT_TASK = "Charge the customer's card for order #1042";

export function paymentOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { orderId: '1042', transactionId: 'txn-5f2c9a1b', amount: 249.99, currency: 'USD', status: 'captured', confidence: 0.98, ...overrides };
}

export const INVENTORY_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    orderId: text,
    reservationId: text,
    items: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', properties: { sku: text, quantity: { type: 'integer', minimum: 1 } }, required: ['sku', 'quantity'] },
    },
    status: { type: 'string', enum: ['reserved'] },
    confidence,
  },
  required: ['orderId', 'reservationId', 'items', 'status', 'confidence'],
};

export function inventoryOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: '1042',
    reservationId: 'res-77ab01',
    items: [
      { sku: 'SKU-00412', quantity: 2 },
      { sku: 'SKU-91003', quantity: 1 },
    ],
    status: 'reserved',
    confidence: 0.96,
    ...overrides,
  };
}

export const DATA_PROCESSING_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { recordsProcessed: { type: 'integer', minimum: 0 }, rejected: { type: 'integer', minimum: 0 }, schemaVersion: text, confidence },
  required: ['recordsProcessed', 'rejected', 'schemaVersion', 'confidence'],
};

export function dataProcessingOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { recordsProcessed: 2400, rejected: 12, schemaVersion: '1.0', confidence: 0.995, ...overrides };
}

export const ANALYTICS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    metrics: {
      type: 'object',
      properties: {
        recordsAnalyzed: { type: 'integer', minimum: 0 },
        segments: { type: 'integer', minimum: 1 },
        averageOrderValue: { type: 'number', minimum: 0 },
        growthRate: { type: 'number' },
        anomalies: { type: 'integer', minimum: 0 },
      },
      required: ['recordsAnalyzed', 'segments', 'averageOrderValue', 'growthRate', 'anomalies'],
    },
    insights: { type: 'array', items: text, minItems: 1 },
    confidence,
  },
  required: ['metrics', 'insights', 'confidence'],
};

export function analyticsOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metrics: { recordsAnalyzed: 2388, segments: 5, averageOrderValue: 81.4, growthRate: -0.012, anomalies: 1 },
    insights: ['2388 records analysed across 5 customer segments', 'Revenue declined -1.2% over the period', '1 anomalies need review'],
    confidence: 0.93,
    ...overrides,
  };
}

export const REPORT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    title: text,
    sections: { type: 'array', minItems: 1, items: { type: 'object', properties: { heading: text, body: text }, required: ['heading', 'body'] } },
    summary: text,
    confidence,
  },
  required: ['title', 'sections', 'summary', 'confidence'],
};

export const REPORT_TASK = 'Write the quarterly report from the analysis and the data';

export function reportOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Quarterly Report',
    sections: [
      { heading: 'Analysis', body: '2388 records analysed across 5 customer segments; revenue declined 1.2%' },
      { heading: 'Data', body: '2400 records processed, 12 rejected' },
    ],
    summary: 'Quarterly Report: 2 section(s) compiled from the analysis and the data.',
    confidence: 0.9,
    ...overrides,
  };
}

export function archiveOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    archiveId: 'arc-19d0c2',
    location: 'archive://a2a-mcp-archive/run-1/arc-19d0c2',
    itemsArchived: 1,
    retentionDays: 365,
    confidence: 0.97,
    ...overrides,
  };
}

/** A TaskRequest with defaults (core-graph's helper). */
export const taskRequest = createTaskRequest;

/** A context outside the engine: no real waiting (core-graph's standalone context). */
export function fakeContext(taskId: string, runId = 'run-1'): TaskContext {
  return createStandaloneContext({ taskId, runId }).ctx;
}
