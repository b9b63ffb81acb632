// One load run with autocannon's programmatic API: a fixed time at a fixed number of
// connections. Every response's time is kept so that p50/p95/p99 are exact (autocannon's own
// histogram has no p95).
import autocannon from "autocannon";

export interface Measure {
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  statuses: Record<string, number>;
  /** Responses that were neither 2xx nor 3xx. */
  bad: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request: may change its path and headers. */
  setup?: (request: { path: string; headers: Record<string, string> }) => void;
  /** Called as each response ends, with its time in ms (bench/search-timeline.ts). */
  onResponse?: (ms: number) => void;
}

export async function load(urls: string[], connections: number, seconds: number, request: LoadRequest): Promise<Measure> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const started = Date.now();
  const requests = [
    {
      method: request.method ?? "GET",
      path: request.path,
      headers: request.headers ?? {},
      body: request.body,
      ...(request.setup
        ? {
            setupRequest: (req: { path: string; headers: Record<string, string> }) => {
              request.setup!(req);
              return req;
            },
          }
        : {}),
    },
  ];
  const instance = autocannon({
    url: urls.length === 1 ? urls[0] : urls,
    connections,
    duration: seconds,
    timeout: 30,
    requests,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    request.onResponse?.(responseTime);
  });
  const result = await instance;
  const elapsed = (Date.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : 0);
  const bad = Object.entries(statuses)
    .filter(([code]) => !/^[23]/.test(code))
    .reduce((n, [, count]) => n + count, 0);
  return {
    requests: times.length,
    seconds: elapsed,
    rps: times.length / Math.max(0.001, result.duration || elapsed),
    latencyMs: {
      mean: times.length ? times.reduce((a, b) => a + b, 0) / times.length : 0,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: times.length ? times[times.length - 1] : 0,
    },
    statuses,
    bad,
    errors: result.errors,
  };
}
