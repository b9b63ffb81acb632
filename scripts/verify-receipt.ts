// `npm run verify-receipt -- receipt.json [--site URL | --root HEX]`: checks a support receipt on
// this computer (decision 051). It recomputes the leaf from the support's details, follows the
// proof to a root, and compares that root with the one the site published for the day: fetched
// from the site's open data (only the list of roots, nothing about the receipt is sent), from
// --site or else the site the receipt names; or given with --root. Exit status: 0 yes, 1 no,
// 2 when the receipt or the site cannot be read.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { checkReceipt, readReceipt } from "../app/domain/receipts/receipt.server";
import { translator } from "../app/utils/i18n";

const t = translator((process.env.LANG ?? "").startsWith("ko") ? "ko" : "en");

function stop(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** The root the site published for the day, or null when it published none. */
async function publishedRoot(site: string, day: string): Promise<string | null> {
  const url = new URL("/api/v1/support-roots", site);
  url.searchParams.set("from", day);
  url.searchParams.set("to", day);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) stop(`${url}: HTTP ${response.status}`, 2);
  const body = (await response.json()) as { data?: { day: string; root: string }[] };
  return body.data?.find((r) => r.day === day)?.root ?? null;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { site: { type: "string" }, root: { type: "string" } },
  });
  const file = positionals[0];
  if (!file) stop("usage: npm run verify-receipt -- receipt.json [--site https://madang.example.org | --root <64 hex digits>]", 2);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    stop(`${file}: ${(error as Error).message}`, 2);
  }
  const read = readReceipt(text);
  if (!read.ok) stop(t("receipts.errors.unreadable"), 2);
  const { receipt } = read;
  const site = values.site ?? receipt.site;
  const published = values.root !== undefined ? values.root.trim().toLowerCase() : await publishedRoot(site, receipt.day);
  const check = checkReceipt(receipt, published);
  const against = values.root !== undefined ? "--root" : site;
  if (check.ok) {
    console.log(`${t("receipts.yes")} (${against})`);
    console.log(t("receipts.matches", { day: receipt.day }));
    return;
  }
  console.log(`${t("receipts.no")} (${against})`);
  console.log(t(`receipts.problem.${check.problem}`, { day: receipt.day }));
  process.exitCode = 1;
}

await main();
