import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { hostVersion } from '../a2a/host-version';
import { ApiErrorDto } from '../http/dto/responses.dto';
import { completeDocument } from './complete-document';

/**
 * The API's OpenAPI 3.1 document, as `/docs-json` serves it and the build writes it: the same for
 * every configuration (security schemes are listed whether AUTH_MODE is on or not), so a copy can be
 * committed and compared.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('a2a-mcp orchestrator')
    .setDescription(
      'Plans (DAGs of tasks) run over domain agents with the best strategy (sequential, parallel levels or dependency-driven hybrid); ' +
        'every step streams as Server-Sent Events. Errors are `{statusCode, code, message, details?}` with a stable `code` ' +
        '(each response lists its codes). With AUTH_MODE=none (the loopback default) no credentials are needed; with apikey or jwt, ' +
        'each operation needs the scope its security requirement names. JSON Schemas: `/v1/schemas/plan.json` (plans) and ' +
        '`/v1/schemas/events.json` (the event stream).',
    )
    .setVersion(hostVersion())
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The host that serves this document')
    .build();
  // Every error response refers to ApiErrorDto by name, so it is registered whatever the routes return.
  return completeDocument(SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorDto] }));
}
