// A paper batch's scanned sheets, for the desk (decision 058): staff download the file kept in the
// scans folder; visitors see only its hash on the idea's page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { requireStaff } from "~/auth/actor.server";
import { canOpenDesk } from "~/domain/assisted/permissions";
import { scanType } from "~/domain/assisted/scans.server";
import { cacheControl } from "~/utils/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canOpenDesk);
  const name = params.file ?? "";
  // Only a scan's own name (`<sha256>.<ext>`): nothing else in or beyond the folder is served.
  const type = scanType(name);
  if (!type) throw new Response("Not found", { status: 404 });
  const file = path.join(context.services.config.paperScansDir, name);
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) throw new Response("Not found", { status: 404 });
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(found.size),
      "Content-Disposition": `attachment; filename="${name}"`,
      ...cacheControl("personal"),
    },
  });
}
