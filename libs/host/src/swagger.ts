import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';

/** OpenAPI generated from the DTOs: the UI at /docs, the JSON document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('a2a-mcp orchestrator')
    .setDescription(
      'Plans (DAGs of tasks) run over domain agents with the best strategy; every step streams as Server-Sent Events. ' +
        'Errors: {statusCode, code, message, details?} with a stable code.',
    )
    .setVersion('0.1.0')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` });
}
