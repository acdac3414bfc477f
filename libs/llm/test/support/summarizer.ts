import type { LlmAgentConfig } from '../../src';

export const SUMMARY_SCHEMA = {
  type: 'object',
  properties: {
    summary: { type: 'string', minLength: 1 },
    keyPoints: { type: 'array', items: { type: 'string' } },
  },
  required: ['summary', 'keyPoints'],
  additionalProperties: false,
};

/** The summarizer agent of the examples, pointed at `url`. */
export function summarizerConfig(url: string, endpoint: Partial<LlmAgentConfig['endpoint']> = {}): LlmAgentConfig {
  return {
    name: 'summarizer',
    description: 'Summarizes a text into a summary and key points',
    skills: [
      {
        id: 'summarize',
        name: 'Summarize',
        description: 'Summarizes a text',
        tags: ['summary', 'summarize', 'text'],
        examples: ['Summarize the quarterly report'],
        consumes: ['report'],
        produces: ['summary'],
        expectedDurationMs: 4000,
        qualityDomain: 'ANALYTICAL',
      },
    ],
    systemPrompt: 'You summarize texts for busy readers.',
    outputSchema: SUMMARY_SCHEMA,
    endpoint: { url, model: 'test-model', ...endpoint },
  };
}

export const GOOD_SUMMARY = { summary: 'Sales rose 12%.', keyPoints: ['sales up', 'costs flat'] };
