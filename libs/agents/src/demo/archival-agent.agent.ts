import type { Agent } from '../agent';
import { stableId } from '../support/stable-id';
import { optionalInteger, optionalString } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { dependencyEntries, findDependencyOutput } from './dependency-outputs';
import { confidenceSchema, integerSchema, objectSchema, stringSchema } from './output-schema';

export interface ArchiveOutput extends DemoOutput {
  archiveId: string;
  location: string;
  itemsArchived: number;
  retentionDays: number;
}

export function createArchivalAgent(): Agent {
  return defineDemoAgent<ArchiveOutput>({
    name: 'archival_agent',
    description: 'Archives finished reports and results to long-term storage.',
    skill: {
      id: 'archive',
      name: 'Archive results',
      description: 'Stores reports and results in the archive with a retention period.',
      tags: ['archive', 'archival', 'store', 'storage', 'retention', 'backup', 'report'],
      examples: ['Archive the report', 'Store the final results for compliance'],
      metadata: {
        consumes: ['report'],
        produces: ['archive_record'],
        expectedDurationMs: 10,
        qualityDomain: 'GENERIC',
        outputSchema: objectSchema({
          archiveId: stringSchema(),
          location: stringSchema(),
          itemsArchived: integerSchema(),
          retentionDays: integerSchema(1),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'packaging results', halfway: 'writing to archive' },
    produce(task) {
      const report = findDependencyOutput(task, 'title', 'sections');
      const label = typeof report?.title === 'string' ? report.title : task.description;
      const archiveId = stableId('arc', task.runId, task.taskId, label);
      const bucket = optionalString(task, 'bucket') ?? 'a2a-mcp-archive';
      return {
        archiveId,
        location: `archive://${bucket}/${task.runId}/${archiveId}`,
        itemsArchived: dependencyEntries(task).length,
        retentionDays: optionalInteger(task, 'retentionDays', 1) ?? 365,
        confidence: report ? 0.97 : 0.85,
      };
    },
  });
}
