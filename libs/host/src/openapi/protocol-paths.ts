import { A2A_JSON_RPC_PATH, AGENT_CARD_ROUTE } from '../a2a/a2a-paths';
import { MCP_PATH } from '../mcp/http/mcp-http.controller';
import { errorResponseObject } from './error-response';
import { API_KEY_SCHEME, BEARER_SCHEME } from './operation-access';
import { AUTH_ERRORS, BODY_ERRORS, SERVER_ERRORS } from './shared-errors';

type Json = Record<string, unknown>;

const JSON_RPC_REQUEST: Json = {
  type: 'object',
  required: ['jsonrpc', 'method'],
  properties: {
    jsonrpc: { const: '2.0' },
    id: { type: ['string', 'integer', 'null'] },
    method: {
      type: 'string',
      description: 'A2A v1.0 (`SendMessage`, `SendStreamingMessage`, `GetTask`, `ListTasks`, `CancelTask`, `SubscribeToTask`; send `A2A-Version: 1.0`) or v0.3 (`message/send`, `message/stream`, `tasks/get`, `tasks/cancel`, `tasks/resubscribe`).',
      examples: ['message/send'],
    },
    params: { type: 'object', additionalProperties: true },
  },
};

const JSON_RPC_RESPONSE: Json = {
  type: 'object',
  required: ['jsonrpc'],
  properties: {
    jsonrpc: { const: '2.0' },
    id: { type: ['string', 'integer', 'null'] },
    result: { description: 'A Task, a Message, or a page of tasks, as the A2A specification defines them.' },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' }, data: {} },
    },
  },
};

function jsonRpcError(description: string): Json {
  return { description, content: { 'application/json': { schema: JSON_RPC_RESPONSE } } };
}

/** What the MCP SDK's Streamable HTTP transport answers besides a result: each status it uses. */
const MCP_TRANSPORT_REFUSALS: Record<string, string> = {
  '400': 'A malformed JSON-RPC message, a missing or unknown protocol version, or a request without mcp-session-id that is not an initialize.',
  '404': 'The mcp-session-id names no open session (closed, or from before a restart): initialize again.',
  '405': 'A method the endpoint does not take.',
  '406': 'The Accept header does not list application/json and text/event-stream (POST) or text/event-stream (GET).',
  '409': "The session's GET event stream is already open.",
  '413': 'The message is larger than the transport reads.',
  '415': 'The body is not application/json.',
};

/** MCP's responses: the transport's refusals are JSON-RPC errors; credentials are refused as the rest of the API refuses them. */
function mcpResponses(success: Record<string, Json>): Record<string, object> {
  const responses: Record<string, object> = { ...success };
  for (const [status, description] of Object.entries(MCP_TRANSPORT_REFUSALS)) responses[status] = jsonRpcError(description);
  responses['401'] = errorResponseObject(401, AUTH_ERRORS[401]);
  responses['403'] = {
    ...errorResponseObject(403, AUTH_ERRORS[403]),
    description: `${errorResponseObject(403, AUTH_ERRORS[403]).description}\n\nOr, from the MCP transport, a JSON-RPC error: a Host or Origin header it does not accept.`,
    content: { 'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/ApiErrorDto' }, JSON_RPC_RESPONSE] } } },
  };
  responses['500'] = errorResponseObject(500, SERVER_ERRORS[500]);
  return responses;
}

const MCP_SESSION_HEADER = {
  name: 'mcp-session-id',
  in: 'header',
  required: false,
  description: 'The session the initialize response named; every request after the initialize sends it.',
  schema: { type: 'string' },
};

/**
 * The protocol endpoints, written whole: the A2A SDK's Express handlers (Nest does not see them), the
 * agent card and the JSON-RPC endpoint, whose refusals answer in JSON-RPC with the API's code in
 * `error.data.code`; and MCP's Streamable HTTP endpoint, whose transport answers in JSON-RPC too.
 */
export function protocolPaths(): Record<string, Record<string, object>> {
  const security = [{ [API_KEY_SCHEME]: [] }, { [BEARER_SCHEME]: [] }];
  return {
    [`/${MCP_PATH}`]: {
      post: {
        tags: ['mcp'],
        operationId: 'mcpPost',
        summary: 'MCP JSON-RPC messages (Streamable HTTP)',
        description:
          'An initialize request without `mcp-session-id` opens a session (the response header names it); later requests send it. ' +
          'Answers are JSON or an event stream (progress notifications, then the result). Tools: find_agent, list_agents, plan, ' +
          'run_workflow, get_run, cancel_run, answer_input; resources resource://agent_cards/list and resource://agent_cards/{name}. ' +
          'Any authenticated caller may open a session; each tool checks the scope it needs.',
        security,
        parameters: [MCP_SESSION_HEADER],
        requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [JSON_RPC_REQUEST, { type: 'array', items: JSON_RPC_REQUEST }] } } } },
        responses: mcpResponses({
          '200': {
            description: 'The JSON-RPC response, or an event stream of notifications and then the response.',
            content: { 'application/json': { schema: JSON_RPC_RESPONSE }, 'text/event-stream': { schema: JSON_RPC_RESPONSE } },
          },
          '202': { description: 'A notification or a response from the client, accepted.' },
        }),
      },
      get: {
        tags: ['mcp'],
        operationId: 'mcpStream',
        summary: "A session's event stream for server messages (MCP Streamable HTTP)",
        security,
        parameters: [MCP_SESSION_HEADER],
        responses: mcpResponses({ '200': { description: 'Server-to-client JSON-RPC messages.', content: { 'text/event-stream': { schema: JSON_RPC_RESPONSE } } } }),
      },
      delete: {
        tags: ['mcp'],
        operationId: 'mcpClose',
        summary: 'Close an MCP session (the one named in mcp-session-id)',
        security,
        parameters: [MCP_SESSION_HEADER],
        responses: mcpResponses({ '200': { description: 'The session is closed.' } }),
      },
    },
    [AGENT_CARD_ROUTE]: {
      get: {
        tags: ['a2a'],
        operationId: 'getAgentCard',
        summary: "The host's A2A agent card",
        description: 'The card names this host as one agent whose skills are the catalog: send it a request or a plan. Its `url` is the address the client used (or PUBLIC_URL).',
        security: [],
        responses: {
          '200': {
            description: 'The agent card (A2A specification).',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name', 'skills'],
                  properties: {
                    name: { type: 'string' },
                    description: { type: 'string' },
                    version: { type: 'string' },
                    supportedInterfaces: {
                      type: 'array',
                      description: 'A2A 1.0: where the JSON-RPC endpoint is, per protocol version.',
                      items: { type: 'object', properties: { url: { type: 'string' }, protocolBinding: { type: 'string' }, protocolVersion: { type: 'string' } } },
                    },
                    url: { type: 'string', description: 'A2A 0.3 cards: the JSON-RPC endpoint.' },
                    capabilities: { type: 'object' },
                    skills: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' } } } },
                  },
                  additionalProperties: true,
                },
              },
            },
          },
          '500': errorResponseObject(500, SERVER_ERRORS[500]),
        },
      },
    },
    [A2A_JSON_RPC_PATH]: {
      post: {
        tags: ['a2a'],
        operationId: 'a2aJsonRpc',
        summary: 'A2A JSON-RPC: send a message (a request or a plan), get, list, cancel or follow a task',
        description:
          'A message starts a run (or answers a paused one when it carries the task id); the task follows the run. ' +
          '`message/stream` and `SendStreamingMessage` answer as Server-Sent Events of JSON-RPC responses. GetTask and the ' +
          'stream methods need runs:read, sending and cancelling runs:write.',
        security,
        requestBody: { required: true, content: { 'application/json': { schema: JSON_RPC_REQUEST } } },
        responses: {
          '200': {
            description: 'A JSON-RPC response (its `error` for a failed call, a malformed body: parse error -32700, invalid request -32600), or an event stream of them.',
            content: { 'application/json': { schema: JSON_RPC_RESPONSE }, 'text/event-stream': { schema: JSON_RPC_RESPONSE } },
          },
          // Malformed JSON and a non-object body are JSON-RPC errors in a 200; the rest of the body checks answer as the API does.
          '400': errorResponseObject(400, { INVALID_BODY: BODY_ERRORS[400].INVALID_BODY, INVALID_BODY_ENCODING: BODY_ERRORS[400].INVALID_BODY_ENCODING, REQUEST_ABORTED: BODY_ERRORS[400].REQUEST_ABORTED }),
          '401': jsonRpcError('UNAUTHENTICATED (error.data.code): AUTH_MODE apikey or jwt, and no or refused credentials.'),
          '403': jsonRpcError('FORBIDDEN (error.data.code): the credentials lack the scope of the method.'),
          '413': errorResponseObject(413, BODY_ERRORS[413]),
          '415': errorResponseObject(415, BODY_ERRORS[415]),
          '429': jsonRpcError('RATE_LIMITED (error.data.code): more runs this minute than RATE_LIMIT_RUNS_PER_MINUTE (Retry-After).'),
          '500': errorResponseObject(500, SERVER_ERRORS[500]),
        },
      },
    },
  };
}
