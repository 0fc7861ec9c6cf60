#!/usr/bin/env bash
# The collection's test command (README quick start; .ci/run calls exactly this).
#
#   bash scripts/test.sh                 every default session of noxfile.py, as CI runs them
#   bash scripts/test.sh --quick         developer loop: the pytest session only (LBQ_PYTEST_ARGS: extra pytest args)
#   bash scripts/test.sh -s lint mypy    any other arguments go to nox (`-l` lists the sessions)
#
# Installs nox and uv (tests/requirements/nox.txt) into .build/nox-bootstrap with the system's Python 3.11, then
# runs nox; every session makes its own virtual environment under .build/nox/ from pinned requirement files.
# Nothing here needs Galaxy or a container engine (CONTRIBUTING.md). A timing summary closes every run.
set -euo pipefail

NOX_ARGS=()
MODE=full
for arg in "$@"; do
    case "$arg" in
        --quick)
            MODE=quick
            NOX_ARGS+=(-s pytest)
            ;;
        -h | --help)
            sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            MODE=custom
            NOX_ARGS+=("$arg")
            ;;
    esac
done

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$LBQ_ROOT"

# Plain output in logs (CI): no colour escapes from nox, ansible, ansible-lint, molecule or pytest.
if [[ ! -t 1 ]]; then
    export NO_COLOR=1 PY_COLORS=0 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
fi

lbq_log "nox bootstrap: .build/nox-bootstrap from tests/requirements/nox.txt"
_lbq_make_venv "$LBQ_BUILD/nox-bootstrap" "$LBQ_ROOT/tests/requirements/nox.txt"
nox="$LBQ_BUILD/nox-bootstrap/bin/nox"
echo "    nox $("$nox" --version 2>&1), $("$LBQ_BUILD/nox-bootstrap/bin/uv" --version)"
# nox finds uv beside itself; the sessions' venvs re-use uv's cache.
export PATH="$LBQ_BUILD/nox-bootstrap/bin:$PATH"

log="$LBQ_BUILD/nox-$MODE.log"
lbq_log "nox ${NOX_ARGS[*]:-(default sessions)} (log: ${log#"$LBQ_ROOT"/})"
set +e
"$nox" --noxfile "$LBQ_ROOT/noxfile.py" "${NOX_ARGS[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# nox ends every session with "Session NAME was successful in T." (or failed, was skipped, ...).
if grep -q '^nox > Session ' "$log"; then
    echo
    echo "==> Timing summary ($MODE run)"
    sed -nE 's/^nox > (Session .*)$/    \1/p' "$log"
    printf '    %ss  total\n' $((SECONDS - LBQ_T0))
fi
if [[ $rc -ne 0 ]]; then
    echo "==> FAILED (nox exit $rc)"
else
    echo "==> Success"
fi
exit "$rc"
