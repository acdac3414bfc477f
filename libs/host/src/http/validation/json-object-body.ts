import type { NextFunction, Request, Response } from 'express';
import { validationFailed } from './validation-details';

/** Every JSON body of the API is an object: an array or a bare value is 400 VALIDATION_FAILED at path ''. */
export function requireJsonObjectBody(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body))) {
    next();
    return;
  }
  const kind = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
  const error = validationFailed([{ path: '', reason: `the request body must be a JSON object, got ${kind}` }]);
  res.status(400).json(error.body);
}
