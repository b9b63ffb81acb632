// `npm run build`'s last step (and `npm start`'s when it builds): every static file the browser
// loads — public/build (the app's JavaScript and CSS, named by content hash) and the few files at
// the top of public/ — is compressed once, here, with Brotli at its best quality and gzip, beside
// the file (x.js.br, x.js.gz). app/server.ts serves them with Content-Encoding, so no request
// compresses a static file (docs/decisions/025-compression-and-page-weight.md).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const COMPRESSIBLE = /\.(js|css|svg|json|map|txt|xml|html)$/;

function filesIn(dir: string, recursive: boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return recursive ? filesIn(full, true) : [];
    return COMPRESSIBLE.test(entry.name) ? [full] : [];
  });
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Writes x.br and x.gz beside each compressible file, skipping files whose
 * compressed copies are newer than they are; returns how many files were compressed.
 */
export function precompress(publicDir: string): { files: number; bytes: number; brotli: number } {
  const files = [...filesIn(path.join(publicDir, "build"), true), ...filesIn(publicDir, false)].filter(
    (file) => mtime(`${file}.br`) < mtime(file) || mtime(`${file}.gz`) < mtime(file),
  );
  let bytes = 0;
  let brotli = 0;
  for (const file of files) {
    const source = fs.readFileSync(file);
    bytes += source.length;
    const br = zlib.brotliCompressSync(source, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = zlib.gzipSync(source, { level: zlib.constants.Z_BEST_COMPRESSION });
    for (const [suffix, data] of [[".br", br], [".gz", gz]] as const) {
      const target = file + suffix;
      // Written even when no smaller (only tiny files: a few bytes more), so that its date says
      // it is up to date.
      fs.writeFileSync(target, data);
    }
    brotli += br.length;
  }
  return { files: files.length, bytes, brotli };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const started = Date.now();
  const result = precompress(path.join(root, "public"));
  console.log(
    `precompressed ${result.files} static files: ${Math.round(result.bytes / 1024)} KB → ${Math.round(result.brotli / 1024)} KB with Brotli (${Date.now() - started} ms)`,
  );
}
