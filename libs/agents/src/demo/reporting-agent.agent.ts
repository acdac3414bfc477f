import type { Agent } from '../agent';
import { isRecord, optionalString } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { dependencyEntries } from './dependency-outputs';
import { arraySchema, confidenceSchema, objectSchema, stringSchema } from './output-schema';

export interface ReportSection {
  heading: string;
  body: string;
}

export interface ReportOutput extends DemoOutput {
  title: string;
  sections: ReportSection[];
  summary: string;
}

export function createReportingAgent(): Agent {
  return defineDemoAgent<ReportOutput>({
    name: 'reporting_agent',
    description: 'Compiles upstream results into a structured report.',
    skill: {
      id: 'compile_report',
      name: 'Compile report',
      description: 'Aggregates analytics and processed data into a titled report with sections and a summary.',
      tags: ['report', 'reporting', 'aggregate', 'summary', 'summarize', 'compile', 'quarterly'],
      examples: ['Aggregate the results into one report', 'Write the quarterly report from the analysis and the data'],
      outputModes: ['application/json'],
      metadata: {
        consumes: ['analytics_report', 'processed_data'],
        produces: ['report'],
        expectedDurationMs: 30,
        qualityDomain: 'BUSINESS',
        outputSchema: objectSchema({
          title: stringSchema(),
          sections: arraySchema(objectSchema({ heading: stringSchema(), body: stringSchema() }), 1),
          summary: stringSchema(),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'gathering results', halfway: 'writing report' },
    produce(task) {
      const title = optionalString(task, 'title') ?? titleFrom(task.description);
      const upstream = dependencyEntries(task);
      const sections =
        upstream.length > 0
          ? upstream.map(([id, output]) => ({ heading: headingFrom(id), body: summarize(output) }))
          : [{ heading: 'Overview', body: task.description || `Report of task ${task.taskId}` }];
      const sources = upstream.length > 0 ? upstream.map(([id]) => id).join(', ') : 'the task description';
      return {
        title,
        sections,
        // The summary restates the brief, so a reader (and the relevance check) sees what was asked.
        summary: `${title}: ${sections.length} section(s) compiled from ${sources}.${task.description ? ` Brief: ${task.description}` : ''}`,
        // A report backed by upstream results is worth more than one written from the request alone.
        confidence: upstream.length > 0 ? 0.9 : 0.75,
      };
    },
    artifacts: (report) => [{ name: 'report', mimeType: 'application/json', data: report }],
  });
}

const NOT_A_KIND = new Set(['a', 'an', 'the', 'one', 'final', 'this', 'that', 'into']);

// "Write the quarterly report" → "Quarterly Report"; anything vaguer → "Workflow Report".
function titleFrom(description: string): string {
  const kind = /\b([a-z]+)\s+report\b/i.exec(description)?.[1];
  if (kind === undefined || NOT_A_KIND.has(kind.toLowerCase())) return 'Workflow Report';
  return `${kind[0].toUpperCase()}${kind.slice(1).toLowerCase()} Report`;
}

function headingFrom(dependencyId: string): string {
  const words = dependencyId.replace(/[_-]+/g, ' ').trim();
  return words.length > 0 ? `${words[0].toUpperCase()}${words.slice(1)}` : dependencyId;
}

/** One readable line per upstream result, using what the demo agents are known to return. */
function summarize(output: unknown): string {
  if (!isRecord(output)) return `Result: ${JSON.stringify(output) ?? String(output)}`;
  if (Array.isArray(output.insights)) return output.insights.filter((line) => typeof line === 'string').join('; ') || 'No insights';
  if (typeof output.recordsProcessed === 'number') {
    return `${output.recordsProcessed} records processed, ${String(output.rejected ?? 0)} rejected`;
  }
  if (typeof output.summary === 'string') return output.summary;
  if (typeof output.status === 'string') return `Status: ${output.status}`;
  const keys = Object.keys(output);
  return keys.length > 0 ? `Fields: ${keys.join(', ')}` : 'Empty result';
}
