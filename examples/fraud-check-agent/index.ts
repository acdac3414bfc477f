export * from './fraud-check.agent';
export * from './fraud-check.module';
