import { memoryHarness } from './support/store-harness';
import { runStoreContract } from './support/run-store-contract';

describe('MemoryRunStore', () => {
  runStoreContract(memoryHarness());
});
