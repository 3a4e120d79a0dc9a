#!/usr/bin/env bash
# Runs the ccxt acceptance check against a built fillbook-sim. Builds nothing.
#   tests/ccxt/run.sh /path/to/fillbook-sim
# Starts the simulator on port 0, reads the port from its first line, installs ccxt (npm ci) if
# node_modules is missing, runs ccxt_check.mjs, then stops the simulator and shows its stats.
set -euo pipefail

SIM_BIN=${1:?usage: run.sh PATH_TO_fillbook-sim}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
SIM_PID=

cleanup() {
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill -TERM "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# Credentials through the environment, not the command line.
export FILLBOOK_SIM_API_KEY=ccxtCheckKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN
export FILLBOOK_SIM_API_SECRET=ccxtCheckSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ

"$SIM_BIN" --port 0 --seed 7 >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!

for _ in $(seq 1 300); do
    if grep -q '^listening on ' "$WORK/sim.out" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "run.sh: fillbook-sim exited early:" >&2
        cat "$WORK/sim.err" >&2
        exit 1
    fi
    sleep 0.1
done
URL=$(head -n 1 "$WORK/sim.out" | sed -n 's/^listening on //p')
if [ -z "$URL" ]; then
    echo "run.sh: fillbook-sim did not report its port" >&2
    exit 1
fi
echo "run.sh: fillbook-sim at $URL ($(cat "$WORK/sim.err"))"

cd "$HERE"
if [ ! -d node_modules/ccxt ]; then
    if ! npm ci --no-audit --no-fund; then
        # No ccxt to test with (the npm registry could not be reached): the check did not run.
        # 77 tells CTest "skipped", which is what happened; it is never reported as passed.
        echo "run.sh: npm ci failed; the ccxt check is skipped" >&2
        exit 77
    fi
fi

status=0
SIM_URL="$URL" KEY="$FILLBOOK_SIM_API_KEY" SECRET="$FILLBOOK_SIM_API_SECRET" \
    node ccxt_check.mjs || status=$?

kill -TERM "$SIM_PID"
wait "$SIM_PID" || status=$?
SIM_PID=
echo "run.sh: fillbook-sim stats:"
tail -n +2 "$WORK/sim.out"
exit "$status"
