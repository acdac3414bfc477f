import 'reflect-metadata';
import { runCustomHost } from './custom-host';

// `npm run start:example-host`: the host with the fraud-check agent, on PORT (default 3000), `.env` loaded first.
void runCustomHost();
