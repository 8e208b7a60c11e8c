-- wrk script for scripts/bench: POSTs a small chat completion request with
-- the Authorization header, and prints one machine-readable result line.
-- BENCH_KEY: the bearer key; BENCH_MODEL: the model id in the body.
local key = os.getenv("BENCH_KEY") or "bench-key"
local model = os.getenv("BENCH_MODEL") or "openai/gpt-4o-mini"

wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"system","content":"You are terse."},' ..
           '{"role":"user","content":"What is the weather in San Francisco?"}],"max_tokens":64}'

-- Runs once, after the test. Latencies are in microseconds.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f " ..
    "mean_us=%.1f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    e.status, e.connect, e.read, e.write, e.timeout))
end
