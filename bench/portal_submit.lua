-- wrk script: send prepared dog registrations ("Antrag verbindlich
-- absenden"), one per citizen session, over many connections at once.
--
-- wrk -s bench/portal_submit.lua URL -- SESSIONS_FILE THREADS DONE_DIR
-- SESSIONS_FILE: one "cookie<TAB>csrf token<TAB>client address" line per
-- session at the review page (the address goes into X-Forwarded-For: each
-- citizen is a client of its own).  Each wrk thread takes every THREADS-th line; when a thread
-- has sent all of its own it writes DONE_DIR/<id> and stops, and the
-- caller interrupts wrk so its clock stops too.  A submission counts as
-- accepted when the portal redirects to the new status page.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   sessions = {}
   local nthreads = tonumber(args[2])
   done_dir = args[3]
   local i = 0
   for line in io.lines(args[1]) do
      if i % nthreads == id - 1 then
         table.insert(sessions, line)
      end
      i = i + 1
   end
   sent, accepted, refused, refused_4xx, refused_5xx = 0, 0, 0, 0, 0
   if id == 1 then
      -- wrk calls request() once on the first thread to check the script;
      -- that call must not use up a session
      sent = -1
   end
   finished = false
end

function request()
   sent = sent + 1
   local line = sent > 0 and sessions[sent] or nil
   if line == nil then
      -- more connections than sessions left: a cheap page, not counted
      return wrk.format("GET", "/static/portal.css")
   end
   local cookie, token, address = line:match("([^\t]*)\t([^\t]*)\t(.*)")
   return wrk.format("POST", wrk.path, {
      ["Cookie"] = cookie,
      ["X-Forwarded-For"] = address,
      ["Content-Type"] = "application/x-www-form-urlencoded",
   }, "csrf_token=" .. token .. "&absenden=1")
end

function response(status, headers, body)
   local ctype = headers["Content-Type"] or headers["content-type"] or ""
   if status == 200 and ctype:find("css", 1, true) then
      return   -- a filler request, see request()
   end
   local location = headers["Location"] or headers["location"] or ""
   if status == 303 and location:find("/status/", 1, true) then
      accepted = accepted + 1
   else
      refused = refused + 1
      if status >= 500 then
         refused_5xx = refused_5xx + 1
      elseif status >= 400 then
         refused_4xx = refused_4xx + 1
      end
   end
   if accepted + refused >= #sessions and not finished then
      finished = true
      local f = io.open(done_dir .. "/" .. id, "w")
      f:write(tostring(accepted))
      f:close()
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local acc, ref, r4, r5 = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      acc = acc + t:get("accepted")
      ref = ref + t:get("refused")
      r4 = r4 + t:get("refused_4xx")
      r5 = r5 + t:get("refused_5xx")
   end
   local e = summary.errors
   io.write(string.format(
      '{"accepted": %d, "refused": %d, "refused_4xx": %d, ' ..
      '"refused_5xx": %d, "requests": %d, "duration_us": %d, ' ..
      '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"socket_errors": %d, "http_errors": %d}\n',
      acc, ref, r4, r5, summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max,
      e.connect + e.read + e.write + e.timeout, e.status))
end
