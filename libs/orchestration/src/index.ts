export * from './agents/domain-agent.decorator';
