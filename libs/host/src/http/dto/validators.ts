import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The value is present (any JSON value, `null` included). */
export function IsPresent(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isPresent', validator: { validate: (value: unknown) => value !== undefined, defaultMessage: () => '$property is required' } },
    options,
  );
}

/** An array of `[from, to]` pairs of non-empty strings. */
export function IsEdgeList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEdgeList',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.every(
            (edge: unknown) =>
              Array.isArray(edge) && edge.length === 2 && edge.every((end: unknown) => typeof end === 'string' && end.length > 0),
          ),
        defaultMessage: () => '$property must be an array of [from, to] pairs of task ids',
      },
    },
    options,
  );
}

/** The property must be absent when `other` is present ("exactly one of"). */
export function AbsentWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'absentWith',
      constraints: [other],
      validator: {
        validate: (value: unknown, args) => value === undefined || (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: () => `give either $property or ${other}, not both`,
      },
    },
    options,
  );
}
