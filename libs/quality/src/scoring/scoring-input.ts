import type { JsonSchema } from '../json-schema';
import { Lazy } from './lazy';
import { profileOutput, type OutputProfile } from './output-profile';
import { readStatus, type StatusReading } from './output-status';
import type { OutputValidator } from './output-validator';
import { checkAgainstSchema, type SchemaCheck } from './schema-validator';
import { termsOf } from './text-terms';

/**
 * One output under judgement. The expensive views (the walk, the ajv run) are computed once and
 * shared by every validator; computing them inside a validator means their errors are that
 * validator's errors (see strictMode).
 */
export class ScoringInput {
  private readonly lazyProfile = new Lazy<OutputProfile>(() => profileOutput(this.output));
  private readonly lazyStatus = new Lazy<StatusReading>(() => readStatus(this.output));
  private readonly lazySchemaCheck = new Lazy<SchemaCheck | undefined>(() =>
    this.schema === undefined ? undefined : checkAgainstSchema(this.schema, this.output, this.validator),
  );
  private readonly lazyDescriptionTerms = new Lazy<ReadonlySet<string>>(() => termsOf(this.description));

  constructor(
    readonly output: unknown,
    readonly description: string,
    readonly schema: JsonSchema | undefined,
    /** `schema` compiled up front (see OutputSchemaRegistry); without it, compiled on first use. */
    private readonly validator?: OutputValidator,
  ) {}

  get profile(): OutputProfile {
    return this.lazyProfile.get();
  }

  get status(): StatusReading {
    return this.lazyStatus.get();
  }

  /** undefined when the agent declares no output schema; throws INVALID_OUTPUT_SCHEMA for a broken one. */
  get schemaCheck(): SchemaCheck | undefined {
    return this.lazySchemaCheck.get();
  }

  get descriptionTerms(): ReadonlySet<string> {
    return this.lazyDescriptionTerms.get();
  }
}
