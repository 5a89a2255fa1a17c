// Sizes of the files a page loads: raw, gzip -9 and brotli (quality 11), as a CDN would send them.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** `files`: [{name, path}]; resolves to each file's sizes and their total. */
export function sizes(files) {
  const rows = files.map(({ name, path }) => {
    const body = readFileSync(path);
    return {
      name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = { name: "total", raw: 0, gzip: 0, brotli: 0 };
  for (const row of rows) for (const k of ["raw", "gzip", "brotli"]) total[k] += row[k];
  return { files: rows, total };
}
