import { ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { checkBodyEnvelope } from './body-envelope';
import { validationException } from './validation-details';

const BUILT_IN_TYPES: ReadonlySet<unknown> = new Set([String, Number, Boolean, Array, Object]);

/**
 * The API's global pipe. A JSON body is checked as an envelope only (see checkBodyEnvelope): Nest's
 * ValidationPipe would walk all of it (stripping prototype keys, building class instances, validating
 * nested DTOs), which takes seconds on a 100 000-task plan and recurses once per nesting level.
 * Query strings and path parameters, small and flat, go through Nest's ValidationPipe as before.
 */
export class ApiValidationPipe implements PipeTransform {
  private readonly flat = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  });

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (metadata.type === 'body' && dto !== undefined && !BUILT_IN_TYPES.has(dto)) return checkBodyEnvelope(dto, value);
    return this.flat.transform(value, metadata);
  }
}
