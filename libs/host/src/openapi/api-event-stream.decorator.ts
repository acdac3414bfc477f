import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import { WORKFLOW_EVENT_SCHEMA } from './event-schemas';

/** A 200 that is a run's Server-Sent Events: each `data` is one of the engine's events. */
export function ApiEventStream(description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiProduces('text/event-stream'),
    ApiResponse({
      status: 200,
      description,
      content: { 'text/event-stream': { schema: { $ref: `#/components/schemas/${WORKFLOW_EVENT_SCHEMA}` } } },
    }),
  );
}
