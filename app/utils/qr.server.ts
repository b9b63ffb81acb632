// A QR code as one SVG path (uqr computes the modules; decision 047): the page draws it inline,
// with no image request and nothing for the Content-Security-Policy to allow.
import { encode } from "uqr";

export interface QrPath {
  /** Width and height in modules, the quiet zone included. */
  size: number;
  /** An SVG path: one unit square per dark module. */
  d: string;
}

export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: "M", border: 4 });
  const squares: string[] = [];
  data.forEach((row, y) => row.forEach((dark, x) => dark && squares.push(`M${x} ${y}h1v1h-1z`)));
  return { size, d: squares.join("") };
}
