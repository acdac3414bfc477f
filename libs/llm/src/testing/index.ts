// `@a2a-mcp/llm/testing`: a fake OpenAI-compatible server for tests of code that calls an LLM, kept out of
// the production barrel.
export { startFakeLlm, type FakeLlm, type FakeReply, type FakeUsage, type ReceivedRequest } from './fake-llm-server';
