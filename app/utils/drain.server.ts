// Graceful stop for the HTTP server. Node's server.close() also closes connections that are
// merely "idle" — including ones just accepted whose request has not arrived yet — and closing
// the listening socket resets connections still waiting in the kernel's queue; either way a
// client sees a reset. Instead: announce the stop (/healthz answers 503, every response says
// Connection: close), keep accepting for a moment so that queued connections are served, then
// stop accepting, finish what is in flight, and close connections that stay silent.
import net from "node:net";
import type http from "node:http";

export interface Drain {
  stopping(): boolean;
  /** Resolves when every connection has closed. */
  drain(lastCallMs?: number): Promise<void>;
}

export function trackConnections(server: http.Server): Drain {
  const active = new Map<net.Socket, number>(); // socket → requests in progress
  let stopping = false;

  server.on("connection", (socket) => {
    active.set(socket, 0);
    socket.on("close", () => active.delete(socket));
  });
  server.on("request", (req, res) => {
    const socket = req.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (stopping) res.setHeader("Connection", "close");
    res.on("finish", () => {
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (stopping && left === 0) socket.end();
    });
  });

  return {
    stopping: () => stopping,
    async drain(lastCallMs = 500) {
      stopping = true;
      await new Promise((r) => setTimeout(r, lastCallMs));
      return new Promise((resolve) => {
        // The plain net close: stop accepting without touching open connections.
        net.Server.prototype.close.call(server, () => resolve());
        const closeSilent = () => {
          for (const [socket, requests] of active) if (requests === 0) socket.destroy();
        };
        closeSilent();
        setInterval(closeSilent, 250).unref();
      });
    },
  };
}
