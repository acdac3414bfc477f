import { QualityError } from './quality-error';

/** The original framework's quality domains: each has its own metrics and default thresholds (see thresholds.ts). */
export enum QualityDomain {
  GENERIC = 'GENERIC',
  ANALYTICAL = 'ANALYTICAL',
  BUSINESS = 'BUSINESS',
  ACADEMIC = 'ACADEMIC',
  SERVICE = 'SERVICE',
  CREATIVE = 'CREATIVE',
}

export const QUALITY_DOMAINS: readonly QualityDomain[] = Object.freeze(Object.values(QualityDomain));

const DOMAINS_BY_NAME: ReadonlyMap<string, QualityDomain> = new Map(QUALITY_DOMAINS.map((domain) => [domain, domain]));

/** Case-insensitive, surrounding blanks ignored: plans and env variables are written by hand. */
export function parseQualityDomain(value: string): QualityDomain {
  // Exact names are the common case on the hot path: no string allocation for them.
  const domain = DOMAINS_BY_NAME.get(value) ?? DOMAINS_BY_NAME.get(value.trim().toUpperCase());
  if (domain === undefined) {
    throw new QualityError(
      'UNKNOWN_QUALITY_DOMAIN',
      `unknown quality domain "${value}"; expected one of ${QUALITY_DOMAINS.join(', ')}`,
    );
  }
  return domain;
}
