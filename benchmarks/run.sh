#!/usr/bin/env bash
# Run the benchmark: bash benchmarks/run.sh [--quick] [other options of benchmarks/bench.py]
# Uses $PYTHON, else the checkout's .venv (scripts/lib.sh makes it), else python3 (with ansible-core on its path).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    if [[ -x "$here/../.venv/bin/python" ]]; then python="$here/../.venv/bin/python"; else python=python3; fi
fi
exec "$python" "$here/bench.py" "$@"
