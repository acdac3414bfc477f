import Ajv from 'ajv';
import {
  compileOutputSchema,
  scoreAccuracy,
  scoreCompleteness,
  scoreFormat,
  scoreRelevance,
  ScoringInput,
  TERSE_STRUCTURE_FLOOR,
  UNREPORTED_CONFIDENCE,
  type JsonSchema,
} from '../src';
import { INVENTORY_SCHEMA, inventoryOutput, PAYMENT_SCHEMA, PAYMENT_TASK, paymentOutput } from './support/fixtures';

function input(output: unknown, options: { schema?: JsonSchema; description?: string } = {}): ScoringInput {
  return new ScoringInput(output, options.description ?? '', options.schema);
}

describe('completeness (ajv against the declared output schema)', () => {
  it('is 1 when every required field is present and valid', () => {
    expect(scoreCompleteness(input(paymentOutput(), { schema: PAYMENT_SCHEMA }))).toEqual({ score: 1, reasons: [] });
  });

  it('drops by the share of missing required fields and names them', () => {
    const output = paymentOutput();
    delete output.transactionId;
    delete output.currency;
    const result = scoreCompleteness(input(output, { schema: PAYMENT_SCHEMA }));
    expect(result.score).toBeCloseTo(4 / 6, 10);
    expect(result.reasons).toEqual(['missing_field:transactionId', 'missing_field:currency']);
  });

  it('counts a present but invalid field as not satisfied', () => {
    const result = scoreCompleteness(input(paymentOutput({ amount: '249.99' }), { schema: PAYMENT_SCHEMA }));
    expect(result.score).toBeCloseTo(5 / 6, 10);
    expect(result.reasons).toEqual(['invalid_field:amount']);
  });

  it('charges a violation deep inside a field to that field', () => {
    const output = inventoryOutput({ items: [{ sku: 'SKU-1', quantity: 0 }] });
    const result = scoreCompleteness(input(output, { schema: INVENTORY_SCHEMA }));
    expect(result.score).toBeCloseTo(4 / 5, 10);
    expect(result.reasons).toEqual(['invalid_field:items']);
  });

  it('is 0 for a non-object when the schema requires fields', () => {
    expect(scoreCompleteness(input('captured', { schema: PAYMENT_SCHEMA }))).toEqual({ score: 0, reasons: ['not_an_object:string'] });
  });

  describe('without a schema: from non-emptiness', () => {
    it.each<[unknown, number]>([
      [{ a: 1, b: 'x' }, 1],
      [{ a: 1, b: null, c: '', d: [] }, 0.25],
      [{}, 0],
      [[1], 1],
      [[], 0],
      ['some text', 1],
      ['   ', 0],
      [42, 1],
      [null, 0],
      [undefined, 0],
    ])('%p → %p', (output, expected) => {
      expect(scoreCompleteness(input(output)).score).toBe(expected);
    });

    it('names the empty fields', () => {
      expect(scoreCompleteness(input({ a: 1, b: null })).reasons).toEqual(['empty_field:b']);
    });
  });

  it('compiles a schema once however many outputs it scores', () => {
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const schema: JsonSchema = { type: 'object', properties: { id: { type: 'string' } }, required: ['id', 'compiledOnce'] };
      for (let i = 0; i < 50; i++) scoreCompleteness(input({ id: `x${i}` }, { schema }));
      // A resolver that rebuilds an equal schema object per task hits the text cache.
      for (let i = 0; i < 50; i++) scoreCompleteness(input({ id: `y${i}` }, { schema: JSON.parse(JSON.stringify(schema)) as JsonSchema }));
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  it('throws INVALID_OUTPUT_SCHEMA for a schema ajv cannot compile, once compiled or not', () => {
    const broken: JsonSchema = { type: 'object', properties: { amount: { type: 'money' } } };
    expect(() => compileOutputSchema(broken)).toThrow(expect.objectContaining({ code: 'INVALID_OUTPUT_SCHEMA' }));
    expect(() => scoreCompleteness(input({ amount: 1 }, { schema: broken }))).toThrow(/output schema cannot be compiled/);
  });
});

describe('accuracy (reported confidence, lowered by consistency checks)', () => {
  it('is the confidence the agent reports', () => {
    expect(scoreAccuracy(input(paymentOutput(), { schema: PAYMENT_SCHEMA }))).toEqual({ score: 0.98, reasons: [] });
  });

  it('falls back on qualityScore, then on a neutral value with a reason', () => {
    expect(scoreAccuracy(input({ qualityScore: 0.42 })).score).toBe(0.42);
    expect(scoreAccuracy(input({ id: 1 }))).toEqual({ score: UNREPORTED_CONFIDENCE, reasons: ['confidence_not_reported'] });
    expect(scoreAccuracy(input({ confidence: 95 }))).toEqual({ score: UNREPORTED_CONFIDENCE, reasons: ['confidence_out_of_range:95'] });
  });

  it("drops by 0.5 when the output's status says it failed (declined)", () => {
    const result = scoreAccuracy(input(paymentOutput({ status: 'declined' })));
    expect(result.score).toBeCloseTo(0.48, 10);
    expect(result.reasons).toEqual(['error_status:declined']);
  });

  it('treats a non-empty error field as a failure whatever the status says', () => {
    const result = scoreAccuracy(input({ status: 'ok', error: 'card expired', confidence: 0.9 }));
    expect(result.score).toBeCloseTo(0.4, 10);
    expect(result.reasons).toEqual(['error_status:error']);
  });

  it('does not penalise success, pending or unknown statuses', () => {
    for (const status of ['captured', 'sent', 'pending', 'whatever']) {
      expect(scoreAccuracy(input({ status, confidence: 0.9 })).score).toBe(0.9);
    }
  });

  it('drops by 0.2 for each negative amount or count, but not for signed figures', () => {
    const result = scoreAccuracy(input({ amount: -5, items: [{ quantity: -1 }], growthRate: -0.3, netChange: -2, confidence: 0.9 }));
    expect(result.score).toBeCloseTo(0.5, 10);
    expect(result.reasons).toEqual(['negative_value:amount', 'negative_value:items.0.quantity']);
  });

  it('drops by 0.1 for each value the schema rejects', () => {
    const result = scoreAccuracy(input(paymentOutput({ amount: '12', currency: 7 }), { schema: PAYMENT_SCHEMA }));
    expect(result.score).toBeCloseTo(0.78, 10);
    expect(result.reasons).toEqual(['schema_violation:amount must be number', 'schema_violation:currency must be string']);
  });

  it('declined payment against its schema: status error and enum violation both count', () => {
    const result = scoreAccuracy(input(paymentOutput({ status: 'declined' }), { schema: PAYMENT_SCHEMA }));
    expect(result.score).toBeCloseTo(0.38, 10);
    expect(result.reasons[0]).toBe('error_status:declined');
    expect(result.reasons[1]).toMatch(/^schema_violation:status must be equal to one of the allowed values/);
  });
});

describe('format', () => {
  it.each<[string, unknown, number, string[]]>([
    ['a JSON object', { a: 1 }, 1, []],
    ['a JSON array', [1, 2], 1, []],
    ['an empty object', {}, 0.2, ['empty_output']],
    ['plain text', 'The order shipped today.', 0.5, ['unstructured_text']],
    ['a bare error string', 'Error: connection refused', 0, ['bare_error_string']],
    ['an exception text', 'TypeError: cannot read properties of undefined', 0, ['bare_error_string']],
    ['a failure text', 'failed to charge card', 0, ['bare_error_string']],
    ['a number', 3, 0.5, ['unstructured_value']],
    ['null', null, 0, ['empty_output']],
    ['undefined', undefined, 0, ['empty_output']],
  ])('%s', (_, output, score, reasons) => {
    expect(scoreFormat(input(output))).toEqual({ score, reasons });
  });

  it('penalises values JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = { a: 1, ratio: Number.NaN };
    cyclic.self = cyclic;
    const result = scoreFormat(input(cyclic));
    expect(result.score).toBeCloseTo(0.5, 10);
    expect(result.reasons).toEqual(['not_json:ratio', 'not_json:self (cycle)']);
  });

  it("checks the schema's types: wrong root type caps at 0.2, nested ones cost 0.15 each", () => {
    expect(scoreFormat(input([paymentOutput()], { schema: PAYMENT_SCHEMA }))).toEqual({ score: 0.2, reasons: ['wrong_type:expected object'] });
    const nested = scoreFormat(input(paymentOutput({ amount: '12' }), { schema: PAYMENT_SCHEMA }));
    expect(nested.score).toBeCloseTo(0.85, 10);
    expect(nested.reasons).toEqual(['type_error:amount expected number']);
  });
});

describe('relevance', () => {
  const description = 'Summarize the quarterly revenue of the European stores';

  it('is the share of the description terms found in the output (stemmed)', () => {
    const related = 'Quarterly summary: revenue across European stores rose 4%, led by the Berlin and Madrid store openings. '.repeat(2) +
      'Costs were flat, margins improved, online orders grew and returns fell compared with last quarter in every region we track.';
    const result = scoreRelevance(input({ report: related }, { description }));
    // summar(ize)/summar(y) do not meet: 4 of 5 terms (quarterly, revenue, european, stor).
    expect(result.score).toBeCloseTo(4 / 5, 10);
    expect(result.reasons).toEqual(['unmatched_terms:summariz']);
  });

  it('scores wordy unrelated text low', () => {
    const unrelated =
      'Preheat the oven to 180 degrees. Mix flour, sugar, butter and eggs until smooth, pour the batter into a tin ' +
      'and bake for forty minutes until golden. Let the cake cool before slicing and serve with whipped cream and berries.';
    expect(scoreRelevance(input({ recipe: unrelated }, { description })).score).toBe(0);
    expect(scoreRelevance(input(unrelated, { description })).score).toBe(0);
  });

  it('gives terse structured output the floor, not zero', () => {
    const result = scoreRelevance(input(paymentOutput(), { description: PAYMENT_TASK }));
    // "order" matches; "charge", "customer", "card" do not: 1/4, raised to the floor.
    expect(result.score).toBe(TERSE_STRUCTURE_FLOOR);
  });

  it('matches word forms through light stemming', () => {
    const result = scoreRelevance(input({ shipment: 'label printed', carrier: 'UPS', shipping: true }, { description: 'Create the shipping labels' }));
    expect(result).toEqual({ score: 1, reasons: [] });
  });

  it('is 1 when the description has no meaningful terms', () => {
    expect(scoreRelevance(input({ a: 1 }, { description: 'Do it for us now' })).score).toBe(1);
    expect(scoreRelevance(input({ a: 1 })).score).toBe(1);
  });
});
