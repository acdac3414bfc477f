import { qualityConfigFromEnv, QualityDomain, QualityError } from '../src';

describe('qualityConfigFromEnv', () => {
  it('defaults to enabled and GENERIC', () => {
    expect(qualityConfigFromEnv({})).toEqual({ enabled: true, defaultDomain: QualityDomain.GENERIC });
    expect(qualityConfigFromEnv({ ENABLE_QUALITY_VALIDATION: '', DEFAULT_QUALITY_DOMAIN: ' ' })).toEqual({
      enabled: true,
      defaultDomain: QualityDomain.GENERIC,
    });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    [' False ', false],
    ['0', false],
  ])('reads ENABLE_QUALITY_VALIDATION=%p', (raw, enabled) => {
    expect(qualityConfigFromEnv({ ENABLE_QUALITY_VALIDATION: raw }).enabled).toBe(enabled);
  });

  it('reads DEFAULT_QUALITY_DOMAIN in any case', () => {
    expect(qualityConfigFromEnv({ DEFAULT_QUALITY_DOMAIN: 'analytical' }).defaultDomain).toBe(QualityDomain.ANALYTICAL);
  });

  it.each([
    [{ ENABLE_QUALITY_VALIDATION: 'yes' }, 'ENABLE_QUALITY_VALIDATION', 'true, false, 1, 0', '"yes"'],
    [{ DEFAULT_QUALITY_DOMAIN: 'MEDICAL' }, 'DEFAULT_QUALITY_DOMAIN', 'GENERIC, ANALYTICAL, BUSINESS, ACADEMIC, SERVICE, CREATIVE', '"MEDICAL"'],
  ])('refuses %p with INVALID_ENV naming the variable and the allowed values', (env, variable, allowed, value) => {
    let caught: unknown;
    try {
      qualityConfigFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QualityError);
    expect((caught as QualityError).code).toBe('INVALID_ENV');
    expect((caught as QualityError).message).toContain(variable);
    expect((caught as QualityError).message).toContain(allowed);
    expect((caught as QualityError).message).toContain(value);
  });
});
