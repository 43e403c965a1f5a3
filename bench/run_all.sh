#!/usr/bin/env bash
# Re-measure every figure in docs/benchmarks.md: each benchmark in turn, at the sizes the
# document quotes, printing its tables; the whole output is also kept in bench/out/.
#
#   bash bench/run_all.sh           # everything (23 minutes on the 2-core project machine)
#   bash bench/run_all.sh --quick   # small sizes, about 2 minutes: checks that every benchmark runs
#   PYTHON=/path/to/python bash bench/run_all.sh
#
# Run it on a machine as idle as you can get: the benchmarks compare against baselines
# measured alongside, which cancels much of the noise but not all of it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "${PYTHON:-}" ]]; then PY=$PYTHON
elif [[ -x .venv/bin/python ]]; then PY=.venv/bin/python
else PY=python3
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # this tree's code, not an installed copy

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

mkdir -p bench/out
log="bench/out/run_all-$(date +%Y%m%d-%H%M%S).md"

run() {
    local started=$SECONDS
    printf '\n## %s\n\n`%s`, started %s, load average %s\n\n' \
        "$1" "${*:2}" "$(date -u +%FT%TZ)" "$(cut -d' ' -f1 /proc/loadavg)"
    "$PY" "${@:2}"
    printf '\n(%d s)\n' $((SECONDS - started))
}

{
    printf '# Benchmarks, %s\n\n%s, %s cores\n' "$(date -u +%F)" "$("$PY" --version)" "$(nproc)"
    if $quick; then
        run "Register, end to end" bench/bench_register.py --households 300 --rounds 3
        run "Core store" bench/bench_core.py --households 2000 --saves 100 --unlock-rounds 2
        run "Tokens and QR" bench/bench_tokens.py
        run "Batches" bench/bench_batches.py --households 1000 --rounds 1
        run "HQ import: SQLite and PostgreSQL" bench/bench_hq_engines.py --households 1000 --rounds 1
        run "HQ report on PostgreSQL" bench/bench_hq_report.py --people 20000 --rounds 2
        run "Desktop app cold start" bench/bench_startup.py --runs 2
        run "App memory with the duplicate finder" bench/bench_memory.py --households 2000 --rounds 1
        run "Duplicate matcher" bench/bench_dedup.py --households 3000 --probes 100 \
            --all-pairs-people 5000 --hq-people 5000 --hq-baseline-people 5000
        run "Sync: a fast link" bench/bench_sync.py link --rates 64000 --households 300
        run "Sync: posts at once" bench/bench_sync.py crowd --posts 5 --households 200
        run "Sync: idle offline" bench/bench_sync.py idle --seconds 20
    else
        run "Register, end to end" bench/bench_register.py --households 2000 --rounds 15
        run "Core store" bench/bench_core.py --households 100000 --saves 400
        run "Tokens and QR" bench/bench_tokens.py
        run "Batches" bench/bench_batches.py --households 10000 50000 --rounds 3
        run "HQ import: SQLite and PostgreSQL" bench/bench_hq_engines.py --households 10000 100000 --rounds 3
        run "HQ report on PostgreSQL" bench/bench_hq_report.py --people 1000000 --rounds 5
        run "Desktop app cold start" bench/bench_startup.py --runs 11
        run "App memory with the duplicate finder" bench/bench_memory.py --households 100000 --rounds 3
        run "Duplicate matcher: candidates and all pairs" bench/bench_dedup.py \
            --households 100000 --probes 1000 --all-pairs-people 100000 --hq-people 0 \
            --hq-baseline-people 0
        run "Duplicate matcher: the HQ pass" bench/bench_dedup.py --households 0 \
            --all-pairs-people 0 --hq-people 1000000 --hq-baseline-people 100000
        run "Sync: a slow link that drops every 30 s" bench/bench_sync.py link \
            --households 300 3300 4300
        run "Sync: fifty posts at once" bench/bench_sync.py crowd --posts 50 --households 1000
        run "Sync: the idle check offline" bench/bench_sync.py idle --seconds 90
    fi
    printf '\nTotal: %d s\n' "$SECONDS"
} 2>&1 | tee "$log"
echo "kept in $log"
