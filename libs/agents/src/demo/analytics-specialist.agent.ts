import type { TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import { roundTo, stableInt } from '../support/stable-id';
import { optionalInteger } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { findDependencyOutput } from './dependency-outputs';
import { arraySchema, confidenceSchema, integerSchema, numberSchema, objectSchema, stringSchema } from './output-schema';

export interface AnalyticsMetrics {
  recordsAnalyzed: number;
  segments: number;
  averageOrderValue: number;
  growthRate: number;
  anomalies: number;
}

export interface AnalyticsOutput extends DemoOutput {
  metrics: AnalyticsMetrics;
  insights: string[];
}

export function createAnalyticsSpecialistAgent(): Agent {
  return defineDemoAgent<AnalyticsOutput>({
    name: 'analytics_specialist',
    description: 'Computes metrics and insights from processed data.',
    skill: {
      id: 'analyze_data',
      name: 'Analyze data',
      description: 'Computes customer metrics (segments, order value, growth, anomalies) and derives insights.',
      tags: ['analytics', 'analysis', 'analyze', 'analyse', 'metrics', 'insights', 'statistics', 'customer'],
      examples: ['Compute customer analytics', 'Analyse the processed data', 'Generate analytics report'],
      metadata: {
        consumes: ['processed_data'],
        produces: ['analytics_report'],
        expectedDurationMs: 40,
        qualityDomain: 'ANALYTICAL',
        outputSchema: objectSchema({
          metrics: objectSchema({
            recordsAnalyzed: integerSchema(),
            segments: integerSchema(1),
            averageOrderValue: numberSchema(0),
            growthRate: numberSchema(),
            anomalies: integerSchema(),
          }),
          insights: arraySchema(stringSchema(), 1),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'computing metrics', halfway: 'deriving insights' },
    produce(task) {
      const recordsAnalyzed = recordsToAnalyze(task);
      const seed = `${task.description}|${recordsAnalyzed}`;
      const metrics: AnalyticsMetrics = {
        recordsAnalyzed,
        segments: stableInt(3, 7, 'segments', seed),
        averageOrderValue: roundTo(stableInt(4000, 12000, 'aov', seed) / 100, 2),
        growthRate: roundTo(stableInt(-50, 200, 'growth', seed) / 1000, 3),
        anomalies: stableInt(0, 3, 'anomalies', seed),
      };
      return { metrics, insights: insightsFor(metrics), confidence: recordsAnalyzed >= 1000 ? 0.93 : 0.9 };
    },
  });
}

/** Clean records from an upstream data_processor result, else `input.recordCount`, else simulated. */
function recordsToAnalyze(task: TaskRequest): number {
  const processed = findDependencyOutput(task, 'recordsProcessed');
  if (processed && typeof processed.recordsProcessed === 'number') {
    const rejected = typeof processed.rejected === 'number' ? processed.rejected : 0;
    return Math.max(0, processed.recordsProcessed - rejected);
  }
  return optionalInteger(task, 'recordCount') ?? stableInt(500, 5000, 'records', task.description);
}

function insightsFor(metrics: AnalyticsMetrics): string[] {
  const growth = `${(metrics.growthRate * 100).toFixed(1)}%`;
  return [
    `${metrics.recordsAnalyzed} records analysed across ${metrics.segments} customer segments`,
    metrics.growthRate >= 0 ? `Revenue grew ${growth} over the period` : `Revenue declined ${growth} over the period`,
    metrics.anomalies === 0 ? 'No anomalies detected' : `${metrics.anomalies} anomalies need review`,
  ];
}
