export type QualityErrorCode =
  /** A quality domain name that is not one of QualityDomain's values. */
  | 'UNKNOWN_QUALITY_DOMAIN'
  /** ENABLE_QUALITY_VALIDATION or DEFAULT_QUALITY_DOMAIN holds a value we do not accept. */
  | 'INVALID_ENV'
  /** A threshold override or a minimum score that is not a usable number. */
  | 'INVALID_THRESHOLD'
  /** An agent's output schema that ajv refuses to compile (or that cannot score outputs). */
  | 'INVALID_OUTPUT_SCHEMA';

/** A configuration or schema problem of the quality lib: a stable code and a readable message. */
export class QualityError extends Error {
  constructor(
    readonly code: QualityErrorCode,
    message: string,
    /** The agent whose card is at fault, when one is. */
    readonly agent?: string,
  ) {
    super(message);
    this.name = 'QualityError';
  }
}
