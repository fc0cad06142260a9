-- wrk script for the ingest benchmark: every request a mention of its own, signed beforehand by the benchmark (the
-- signing isn't the load generator's work while it runs). One mention per line of the file given:
--   timestamp <TAB> signature <TAB> body
--   wrk -t1 -c32 -d20s --latency -s ingest.lua URL -- FILE TIMESTAMP-HEADER SIGNATURE-HEADER
-- Past the last line a request goes unsigned, so the webhook refuses it (401) and the run counts an error rather than a
-- repeat being answered as one. The last line printed: RESULT {"requests":..,"p99_ms":..,...}

local requests = {}
local n = 0

function init(args)
  local ts_header, sig_header = args[2], args[3]
  for line in io.lines(args[1]) do
    local ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", nil,
      { ["Content-Type"] = "application/json", [ts_header] = ts, [sig_header] = sig }, body)
  end
  unsigned = wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, "{}")
end

function request()
  n = n + 1
  return requests[n] or unsigned
end

local function ms(us) return string.format("%.3f", us / 1000.0) end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_s":%.3f,"p50_ms":%s,"p90_ms":%s,"p99_ms":%s,"max_ms":%s,' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, summary.duration / 1e6, ms(latency:percentile(50)), ms(latency:percentile(90)),
    ms(latency:percentile(99)), ms(latency.max), e.connect, e.read, e.write, e.status, e.timeout))
end
