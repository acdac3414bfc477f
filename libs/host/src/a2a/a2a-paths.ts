import { AGENT_CARD_PATH } from '@a2a-js/sdk';

/** Where the JSON-RPC endpoint listens (v1.0 methods with `A2A-Version: 1.0`, v0.3 names without it). */
export const A2A_JSON_RPC_PATH = '/a2a';

/** The well-known agent card, as the SDK's card resolver fetches it: `/.well-known/agent-card.json`. */
export const AGENT_CARD_ROUTE = `/${AGENT_CARD_PATH}`;
