import { getMetadataStorage, validateSync } from 'class-validator';
import { clip } from '../errors/echo';
import { validationDetails, validationFailed, type ValidationDetail } from './validation-details';

type DtoClass = abstract new (...args: never[]) => object;

const declaredByClass = new WeakMap<DtoClass, ReadonlySet<string>>();

/** The properties a DTO declares with class-validator rules: the only keys its body may have. */
function declaredProperties(dto: DtoClass): ReadonlySet<string> {
  let declared = declaredByClass.get(dto);
  if (declared === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    declared = new Set(metadata.map((rule) => rule.propertyName));
    declaredByClass.set(dto, declared);
  }
  return declared;
}

/**
 * Checks a JSON body as an envelope and returns it as an instance of `dto`: each top-level key must be
 * a declared property, and each property must pass its own rules. Values are not walked: a `plan` is
 * checked to be an object and handed on as it is (the planner validates it, in one linear pass).
 * Throws 400 VALIDATION_FAILED naming every bad or unknown field.
 */
export function checkBodyEnvelope<T extends object>(dto: DtoClass, body: unknown): T {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const declared = declaredProperties(dto);
  const instance = Object.create(dto.prototype as object) as Record<string, unknown>;
  const unknownFields: ValidationDetail[] = [];
  for (const key of Object.keys(source)) {
    if (declared.has(key)) instance[key] = source[key];
    else unknownFields.push({ path: clip(key), reason: `property ${clip(key)} should not exist` });
  }
  const errors = validateSync(instance, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  const details = [...unknownFields, ...validationDetails(errors)];
  if (details.length > 0) throw validationFailed(details);
  return instance as T;
}
