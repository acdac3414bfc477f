import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Probes and scrapes come every few seconds: their lines are debug, everything else info. */
const QUIET_PATH = /^\/(health|metrics(\/|$))/;
/** A caller's request id is kept when it looks like one (a proxy's or a client's), otherwise replaced. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const MAX_PATH_LENGTH = 1024;

/**
 * Express middleware: one log line per HTTP request when its response has ended (an event stream when
 * it closes) — method, path (never the query string, which may carry secrets), status, duration and
 * request id (the caller's X-Request-Id or a new one, echoed on the response). Through Nest's Logger,
 * so the app's logger decides the format and `logger: false` silences it.
 */
export function requestLogger(logger = new Logger('Http')): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    let logged = false;
    const done = (): void => {
      if (logged) return;
      logged = true;
      const path = request.originalUrl.split('?', 1)[0].slice(0, MAX_PATH_LENGTH);
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const line = {
        msg: `${request.method} ${path} ${response.statusCode} ${durationMs} ms`,
        method: request.method,
        path,
        status: response.statusCode,
        durationMs,
        requestId,
        // The client went away before the response ended (a closed event stream, a dropped connection).
        ...(response.writableFinished ? {} : { aborted: true }),
      };
      if (QUIET_PATH.test(path)) logger.debug(line);
      else logger.log(line);
    };
    response.once('finish', done);
    response.once('close', done);
    next();
  };
}
