import { parseQualityDomain, QUALITY_DOMAINS, QualityDomain } from './quality-domain';
import { parseEnvBoolean } from './env-boolean';
import { QualityError } from './quality-error';

/** What the original framework's environment variables configure; spreads into createQualityScorer's options. */
export interface QualityEnvConfig {
  enabled: boolean;
  defaultDomain: QualityDomain;
}

/**
 * Reads ENABLE_QUALITY_VALIDATION (true/false/1/0, any case; default true) and
 * DEFAULT_QUALITY_DOMAIN (a QualityDomain name, any case; default GENERIC). Unset or blank means
 * the default (compose files often pass empty values). Anything else throws INVALID_ENV.
 */
export function qualityConfigFromEnv(env: Record<string, string | undefined>): QualityEnvConfig {
  return {
    enabled: readEnabled(env.ENABLE_QUALITY_VALIDATION),
    defaultDomain: readDomain(env.DEFAULT_QUALITY_DOMAIN),
  };
}

function readEnabled(raw: string | undefined): boolean {
  const enabled = parseEnvBoolean(raw);
  if (enabled === 'invalid') {
    throw new QualityError('INVALID_ENV', `ENABLE_QUALITY_VALIDATION must be one of true, false, 1, 0 (got "${raw}")`);
  }
  return enabled ?? true;
}

function readDomain(raw: string | undefined): QualityDomain {
  if (raw === undefined || raw.trim() === '') return QualityDomain.GENERIC;
  try {
    return parseQualityDomain(raw);
  } catch {
    throw new QualityError('INVALID_ENV', `DEFAULT_QUALITY_DOMAIN must be one of ${QUALITY_DOMAINS.join(', ')} (got "${raw}")`);
  }
}
