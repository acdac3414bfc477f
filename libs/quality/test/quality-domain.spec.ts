import { parseQualityDomain, QUALITY_DOMAINS, QualityDomain, QualityError } from '../src';

describe('QualityDomain', () => {
  it('has the six domains of the original framework', () => {
    expect([...QUALITY_DOMAINS].sort()).toEqual(['ACADEMIC', 'ANALYTICAL', 'BUSINESS', 'CREATIVE', 'GENERIC', 'SERVICE']);
  });

  it.each([
    ['SERVICE', QualityDomain.SERVICE],
    ['service', QualityDomain.SERVICE],
    ['  Analytical ', QualityDomain.ANALYTICAL],
    ['creative', QualityDomain.CREATIVE],
  ])('parses %p case-insensitively', (raw, expected) => {
    expect(parseQualityDomain(raw)).toBe(expected);
  });

  it('refuses an unknown name with a code, the value and the allowed list', () => {
    let caught: unknown;
    try {
      parseQualityDomain('MEDICAL');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QualityError);
    expect((caught as QualityError).code).toBe('UNKNOWN_QUALITY_DOMAIN');
    expect((caught as QualityError).message).toContain('"MEDICAL"');
    expect((caught as QualityError).message).toContain('GENERIC, ANALYTICAL, BUSINESS, ACADEMIC, SERVICE, CREATIVE');
  });
});
