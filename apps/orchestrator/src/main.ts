import 'reflect-metadata';
import { runHost } from '@a2a-mcp/host';

// The stock host: the demo agents and the simulator, on PORT (default 3000), `.env` loaded first.
void runHost({ name: 'a2a-mcp orchestrator' });
