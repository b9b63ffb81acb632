// Refused requests as security events (ASVS 7.2.2): every answer 401 (not signed in), 403 (not
// allowed, or a cross-site form) and 429 (rate limited) is logged once it is sent, with who asked
// (the account, not its e-mail), from where, and for what. Logins log their own events
// (app/routes/login.tsx).
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

const REFUSED = new Set([401, 403, 429]);

export function logRefusals(log: Pick<Logger, "warn">, userIdOf: (res: Response) => number | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.on("finish", () => {
      if (!REFUSED.has(res.statusCode)) return;
      log.warn(
        { event: "request.refused", status: res.statusCode, method: req.method, path: req.path, userId: userIdOf(res), ip: req.ip },
        "request refused",
      );
    });
    next();
  };
}
