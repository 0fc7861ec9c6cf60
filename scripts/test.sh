#!/usr/bin/env bash
# The collection's test command (README quick start; .ci/run calls exactly this).
#
#   bash scripts/test.sh           all production gates (steps 1-9)
#   bash scripts/test.sh --quick   developer loop: venv, layout, build + install, pytest (steps 1, 2, 5, 6)
#
# Steps: (1) virtual environments, (2) ansible_collections/ layout, (3) antsibull-changelog lint,
# (4) ansible-test sanity + units on ansible-core 2.19 and 2.16, (5) build and install the tarball,
# (6) pytest (unit + functional, against the installed tarball), (7) ansible-lint (production profile),
# (8) molecule test --all, (9) ansible-builder create on the example execution environment.
# Nothing here needs Galaxy or a container engine. Fails fast; a timing summary closes every run.
set -euo pipefail

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "unknown argument: $arg (try --help)" >&2
            exit 2
            ;;
    esac
done

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$LBQ_ROOT"

# Plain output in logs (CI): no colour escapes from ansible, ansible-lint, molecule or pytest.
if [[ ! -t 1 ]]; then
    export NO_COLOR=1 PY_COLORS=0 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
fi

STEP_NAMES=()
STEP_SECS=()
CURRENT_STEP=""
CURRENT_T0=0

_end_step() {
    if [[ -n "$CURRENT_STEP" ]]; then
        STEP_NAMES+=("$CURRENT_STEP")
        STEP_SECS+=($((SECONDS - CURRENT_T0)))
        CURRENT_STEP=""
    fi
}

step() {
    _end_step
    CURRENT_STEP="$1"
    CURRENT_T0=$SECONDS
    lbq_log "$1"
}

_summary() {
    local rc=$?
    local failed="$CURRENT_STEP"
    _end_step
    echo
    echo "==> Timing summary ($([[ $QUICK == 1 ]] && echo quick || echo full) run)"
    local i
    for i in "${!STEP_NAMES[@]}"; do
        printf '    %5ss  %s\n' "${STEP_SECS[$i]}" "${STEP_NAMES[$i]}"
    done
    printf '    %5ss  total\n' $((SECONDS - LBQ_T0))
    if [[ $rc -ne 0 ]]; then
        echo "==> FAILED (exit $rc) in: ${failed:-setup}"
    else
        echo "==> All steps succeeded"
    fi
}
trap _summary EXIT

# ---------------------------------------------------------------------------------------------------------------
step "[1/9] Virtual environments: .venv (ansible-core 2.19 + tools)$([[ $QUICK == 1 ]] || echo ', .venv-core216 (ansible-core 2.16)'), chromium"
lbq_venv
echo "    $(ansible --version 2>&1 | sed -n 1p), $(python --version)"
if [[ $QUICK == 0 ]]; then
    lbq_venv_core216
    echo "    .venv-core216: $("$LBQ_ROOT/.venv-core216/bin/ansible" --version 2>&1 | sed -n 1p)"
    lbq_getpip_standin "$LBQ_ROOT/.venv/bin/python"
    lbq_getpip_standin "$LBQ_ROOT/.venv-core216/bin/python"
fi
lbq_ensure_chromium

# ---------------------------------------------------------------------------------------------------------------
step "[2/9] Lay the checkout out as .build/collections/ansible_collections/lync/lb_qualification"
lbq_layout

if [[ $QUICK == 0 ]]; then
    # -----------------------------------------------------------------------------------------------------------
    step "[3/9] Changelog: antsibull-changelog lint (fragments, changelog.yaml) and a dry-run release"
    antsibull-changelog lint
    antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
    # Dry-run the release command from CONTRIBUTING.md on a scratch copy: it must work with the fragments and
    # plugins as they are now. A difference from the committed changelog is reported, not fatal: new fragments
    # are expected between releases.
    scratch="$LBQ_BUILD/changelog-dry-run"
    rm -rf "$scratch"
    mkdir -p "$scratch"
    tar -C "$LBQ_COLLECTION_DIR" --exclude=./tests/output -cf - . | tar -C "$scratch" -xf -
    version="$(python -c 'import yaml; print(yaml.safe_load(open("galaxy.yml"))["version"])')"
    if ! (cd "$scratch" && antsibull-changelog release --version "$version" --update-existing --reload-plugins --refresh \
        >"$LBQ_BUILD/changelog-dry-run.log" 2>&1); then
        cat "$LBQ_BUILD/changelog-dry-run.log" >&2
        echo "ERROR: antsibull-changelog release failed on a scratch copy (log above)" >&2
        exit 1
    fi
    if diff -q CHANGELOG.rst "$scratch/CHANGELOG.rst" >/dev/null \
        && diff -q changelogs/changelog.yaml "$scratch/changelogs/changelog.yaml" >/dev/null; then
        echo "    CHANGELOG.rst and changelogs/changelog.yaml are up to date for $version"
    else
        echo "    NOTE: fragments or plugins not yet in the changelog for $version; before tagging run:"
        echo "          antsibull-changelog release --version $version --update-existing --reload-plugins --refresh"
        diff -u CHANGELOG.rst "$scratch/CHANGELOG.rst" | sed 's/^/      /' | head -40 || true
    fi

    # -----------------------------------------------------------------------------------------------------------
    run_ansible_test() {
        local label="$1" bindir="$2"
        (
            cd "$LBQ_COLLECTION_DIR"
            export PATH="$bindir:$PATH"
            echo "    $label: $(ansible-test --version)"
            lbq_log "$label: ansible-test sanity --venv --python 3.11"
            ansible-test sanity --venv --python 3.11 --color no
            lbq_log "$label: ansible-test units --local --requirements --python 3.11"
            ansible-test units --local --requirements --python 3.11 --color no
        )
    }
    step "[4/9] ansible-test sanity + units on ansible-core 2.19 (newest that runs on Python 3.11)"
    run_ansible_test "core 2.19" "$LBQ_ROOT/.venv/bin"
    step "[4/9] ansible-test sanity + units on ansible-core 2.16 (oldest supported)"
    run_ansible_test "core 2.16" "$LBQ_ROOT/.venv-core216/bin"
fi

# ---------------------------------------------------------------------------------------------------------------
step "[5/9] Build the collection tarball (.build/dist) and install it offline (.build/installed)"
lbq_build_install

# ---------------------------------------------------------------------------------------------------------------
step "[6/9] pytest: tests/unit and tests/functional (real ansible runs) against the installed tarball"
read -r -a pytest_extra <<<"${LBQ_PYTEST_ARGS:-}"   # extra pytest arguments, split on spaces
set +e
PYTHONPATH="$LBQ_BUILD/collections${PYTHONPATH:+:$PYTHONPATH}" \
    python -m pytest tests/unit tests/functional -p no:cacheprovider "${pytest_extra[@]}"
rc=$?
set -e
if [[ $rc -eq 5 ]]; then
    echo "ERROR: pytest collected no tests (exit 5): that is a failure here" >&2
    exit 1
elif [[ $rc -ne 0 ]]; then
    exit "$rc"
fi

if [[ $QUICK == 0 ]]; then
    # -----------------------------------------------------------------------------------------------------------
    step "[7/9] ansible-lint (production profile, offline) with ANSIBLE_COLLECTIONS_PATH at the layout"
    ansible-lint --version 2>&1 | sed -n "1s/^/    /p"
    ansible-lint

    # -----------------------------------------------------------------------------------------------------------
    step "[8/9] molecule test --all (localhost, no containers) from the laid-out copy's extensions/"
    [[ -f "$LBQ_COLLECTION_DIR/extensions/molecule/config.yml" ]] \
        || { echo "ERROR: extensions/molecule/config.yml is missing" >&2; exit 1; }
    (cd "$LBQ_COLLECTION_DIR/extensions" && molecule test --all)

    # -----------------------------------------------------------------------------------------------------------
    step "[9/9] ansible-builder create on examples/execution-environment (collection tarball, offline install)"
    ee="$LBQ_BUILD/ee"
    rm -rf "$ee"
    mkdir -p "$ee"
    cp -R examples/execution-environment/. "$ee/"
    # The example expects the tarball beside its definition under a version-free name (docs/awx.md).
    cp "$LBQ_TARBALL" "$ee/$LBQ_NAMESPACE-$LBQ_NAME.tar.gz"
    (cd "$ee" && ansible-builder create --file execution-environment.yml --context context --output-filename Containerfile -v 1)
    python - "$ee/context" "$LBQ_INSTALLED_COLLECTIONS_PATH" <<'PY'
"""Check the build context: the collection tarball, its offline install and its Python requirements."""
import io
import json
import pathlib
import subprocess
import sys
import tarfile

context, installed = pathlib.Path(sys.argv[1]), sys.argv[2]
build = context / '_build'
tarball = build / 'collections' / 'lync-lb_qualification.tar.gz'
assert tarball.is_file(), f'{tarball} missing from the build context'
requirements = (build / 'requirements.yml').read_text()
assert 'collections/lync-lb_qualification.tar.gz' in requirements and 'type: file' in requirements, requirements
containerfile = (context / 'Containerfile').read_text()
assert '--offline' in containerfile, 'ansible-galaxy must install the collection with --offline'
assert 'ansible-galaxy collection install' in containerfile
with tarfile.open(tarball) as tar:
    names = set(tar.getnames())
    for member in ('meta/execution-environment.yml', 'meta/ee-requirements.txt', 'MANIFEST.json'):
        assert member in names, f'{member} missing from the tarball in the build context'
    ee_reqs = tar.extractfile('meta/ee-requirements.txt').read().decode()
for package in ('jsonschema', 'packaging', 'defusedxml'):
    assert package in ee_reqs, f'{package} missing from meta/ee-requirements.txt'
# What ansible-builder will find inside the image: introspect the installed copy the same way.
out = subprocess.run(['ansible-builder', 'introspect', '--sanitize', installed],
                     check=True, capture_output=True, text=True).stdout
for package in ('jsonschema', 'packaging', 'defusedxml'):
    assert package in out, f'ansible-builder introspect does not report {package}:\n{out}'
print(f'    build context ok: {tarball.relative_to(context)} ({tarball.stat().st_size} bytes),'
      ' requirements.yml installs it --offline; introspect reports jsonschema, packaging and defusedxml from lync.lb_qualification')
PY
    # Replay the image's galaxy stage outside a container: the same offline install from the build context.
    (cd "$ee/context/_build" && ANSIBLE_COLLECTIONS_PATH="$ee/replay" ansible-galaxy collection install --offline -r requirements.yml -p "$ee/replay" 2>&1 \
        | grep -v 'is not part of the configured Ansible collections paths' || true)
    [[ -f "$ee/replay/ansible_collections/$LBQ_NAMESPACE/$LBQ_NAME/MANIFEST.json" ]] \
        || { echo "ERROR: the offline install from the build context failed" >&2; exit 1; }
    echo "    offline install from the build context ok"
fi

_end_step
