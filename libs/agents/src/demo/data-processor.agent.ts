import type { TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import { roundTo, stableInt } from '../support/stable-id';
import { invalidInput, isRecord, optionalInteger, optionalString } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { confidenceSchema, integerSchema, objectSchema, stringSchema } from './output-schema';

export interface DataProcessingOutput extends DemoOutput {
  recordsProcessed: number;
  rejected: number;
  schemaVersion: string;
}

export function createDataProcessorAgent(): Agent {
  return defineDemoAgent<DataProcessingOutput>({
    name: 'data_processor',
    description: 'Validates, cleans and normalizes raw data sets.',
    skill: {
      id: 'process_data',
      name: 'Process data',
      description: 'Validates and cleans a raw data set; counts processed and rejected records.',
      tags: ['data', 'process', 'processing', 'validate', 'validation', 'clean', 'etl', 'raw'],
      examples: ['Process the raw data', 'Validate the incoming customer data set', 'Process customer data'],
      metadata: {
        consumes: ['raw_data'],
        produces: ['processed_data'],
        expectedDurationMs: 50,
        qualityDomain: 'ANALYTICAL',
        outputSchema: objectSchema({
          recordsProcessed: integerSchema(),
          rejected: integerSchema(),
          schemaVersion: stringSchema(),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'validating records', halfway: 'normalizing records' },
    produce(task) {
      const { total, rejected } = countRecords(task);
      return {
        recordsProcessed: total,
        rejected,
        schemaVersion: optionalString(task, 'schemaVersion') ?? '1.0',
        // Confidence is the share of records that passed validation.
        confidence: total === 0 ? 1 : roundTo(1 - rejected / total, 3),
      };
    },
  });
}

/** Inline `input.records` are really checked (non-objects are rejected); otherwise counts are simulated. */
function countRecords(task: TaskRequest): { total: number; rejected: number } {
  const records = task.input.records;
  if (records !== undefined) {
    if (!Array.isArray(records)) throw invalidInput(task, 'records', 'an array', records);
    return { total: records.length, rejected: records.filter((record) => !isRecord(record)).length };
  }
  const total = optionalInteger(task, 'recordCount') ?? stableInt(500, 5000, 'records', task.description);
  // Up to 2.4 % rejected, fixed by the task.
  const rejected = Math.floor((total * stableInt(0, 24, 'rejected', task.description)) / 1000);
  return { total, rejected };
}
