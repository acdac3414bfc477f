import type { AgentCard } from '@a2a-mcp/agents';
import { MIN_MATCH_SCORE, SkillMatcher } from '../src';
import { demoCards } from './planning-helpers';

const matcher = new SkillMatcher(demoCards());
const agentFor = (text: string): string | undefined => matcher.best(text)?.entry.agent.name;

describe('SkillMatcher', () => {
  it.each([
    ['charge the card', 'payment_processor'],
    ['charging the credit card', 'payment_processor'],
    ['reserve the items', 'inventory_manager'],
    ['print a shipping label', 'shipping_agent'],
    ['email the customer', 'email_agent'],
    ['texting the customer', 'sms_agent'],
    ['Validate the customer data', 'data_processor'],
    ['validation of the records', 'data_processor'],
    ['run analytics on it', 'analytics_specialist'],
    ['analyze it', 'analytics_specialist'],
    ['notify the data team', 'notification_agent'],
    ['aggregate everything into a report', 'reporting_agent'],
    ['write the quarterly report', 'reporting_agent'],
    ['archive the report', 'archival_agent'],
    ['inform the stakeholders', 'notification_agent'],
    ['dispatch the parcel', 'shipping_agent'],
    ['refund the order', 'payment_processor'],
  ])('%s → %s', (text, agent) => {
    expect(agentFor(text)).toBe(agent);
  });

  it('leaves steps unmatched whose only known word most skills share, or that it does not know', () => {
    expect(agentFor('call the customer')).toBeUndefined();
    expect(agentFor('handle the order')).toBeUndefined();
    expect(agentFor('book a hotel room')).toBeUndefined();
    expect(agentFor('')).toBeUndefined();
  });

  it('scores at or above MIN_MATCH_SCORE, ranks best first, breaks ties by registry order', () => {
    const match = matcher.best('notify')!;
    expect(match.score).toBeGreaterThanOrEqual(MIN_MATCH_SCORE);
    // notification_agent, email_agent and sms_agent all tag "notify"; the first registered wins.
    expect(match.entry.agent.name).toBe('notification_agent');
    const ranked = matcher.ranked('the report');
    expect(ranked.map((m) => m.entry.agent.name).slice(0, 2)).toEqual(['reporting_agent', 'archival_agent']);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
  });

  it('matches a remote card by skill id and name words too', () => {
    const card: AgentCard = {
      name: 'translator',
      description: 'Translates documents.',
      version: '1',
      capabilities: {},
      defaultInputModes: [],
      defaultOutputModes: [],
      skills: [{ id: 'translate_text', name: 'Translate', description: 'Translates text between languages.', tags: [] }],
    };
    expect(new SkillMatcher([card]).best('translate the contract')?.entry.skill.id).toBe('translate_text');
    expect(new SkillMatcher([]).best('translate')).toBeUndefined();
  });
});
