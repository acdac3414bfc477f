import { splitRequest, type RequestStep } from '../src';

function brief(steps: RequestStep[]): [string, string[], boolean][] {
  return steps.map((step) => [step.text, step.references, step.sequenced]);
}

describe('splitRequest', () => {
  it('treats a lead-in before ": " as context and splits clauses at ", " and "then"', () => {
    const { steps, context } = splitRequest('Process order 1042: charge the card, reserve the items then print a label.');
    expect(context).toEqual(['Process order 1042']);
    expect(brief(steps)).toEqual([
      ['charge the card', [], false],
      ['reserve the items', [], false],
      ['print a label', [], true],
    ]);
  });

  it('drops connectives and marks sequencing ones (then, next, finally, after that) and object pronouns', () => {
    const { steps } = splitRequest('First clean the data; and analyse it. Next notify the team, after that write a report, finally archive');
    expect(brief(steps)).toEqual([
      ['clean the data', [], false],
      ['analyse it', [], true],
      ['notify the team', [], true],
      ['write a report', [], true],
      ['archive', [], true],
    ]);
  });

  it('splits sentences but not "order no. 1042" or "1,000"', () => {
    const { steps } = splitRequest('Charge order no. 1042 for 1,000 items. Email the customer!');
    expect(steps.map((step) => step.text)).toEqual(['Charge order no. 1042 for 1,000 items', 'Email the customer']);
  });

  it('reads a "from / using / after" tail as references to earlier results', () => {
    const { steps } = splitRequest('write the report from the analysis and the data, email it using the report');
    expect(steps.map((step) => [step.action, step.references])).toEqual([
      ['write the report', ['the analysis', 'the data']],
      ['email it', ['the report']],
    ]);
    expect(steps[0].text).toBe('write the report from the analysis and the data');
  });

  it('gives a leading "after …" clause to the next clause, a trailing one to the previous', () => {
    const { steps } = splitRequest('After the payment, email the customer. Text the customer, once the label is printed.');
    expect(steps.map((step) => [step.text, step.references])).toEqual([
      ['email the customer', ['the payment']],
      ['Text the customer', ['the label is printed']],
    ]);
  });

  it('splits "and" only where the test accepts it, a bare verb borrowing the object', () => {
    const seen: [string, string][] = [];
    const { steps } = splitRequest('then email and text the customer', (left, right) => {
      seen.push([left, right]);
      return true;
    });
    expect(seen).toEqual([['email the customer', 'text the customer']]);
    expect(steps.map((step) => [step.text, step.sequenced, step.clause])).toEqual([
      ['email the customer', true, 0],
      ['text the customer', true, 0],
    ]);
    expect(splitRequest('validate and clean the data', () => false).steps.map((step) => step.text)).toEqual([
      'validate and clean the data',
    ]);
  });

  it('never splits before a determiner: "the analysis and the data" is one object', () => {
    const test = jest.fn(() => true);
    const { steps } = splitRequest('compare the analysis and the data', test);
    expect(test).not.toHaveBeenCalled();
    expect(steps).toHaveLength(1);
  });

  it('keeps order and numbers clauses', () => {
    const { steps } = splitRequest('a1, b2 and c3; d4');
    expect(steps.map((step) => [step.text, step.clause])).toEqual([
      ['a1', 0],
      ['b2', 1],
      ['c3', 1],
      ['d4', 2],
    ]);
  });
});
