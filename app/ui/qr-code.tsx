import type { QrPath } from "~/utils/qr.server";

/** A QR code drawn from its path (app/utils/qr.server.ts); `label` says what it carries. */
export function QrCode({ qr, label }: { qr: QrPath; label: string }) {
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${qr.size} ${qr.size}`} width={qr.size * 5} height={qr.size * 5} shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
