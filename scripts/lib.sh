# shellcheck shell=bash
# Shared helpers for scripts/example.sh, scripts/test.sh and the sessions of noxfile.py. Source it, don't run it:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Functions:
#   lbq_log TEXT          print "==> [mm:ss] TEXT" (time since lib.sh was sourced)
#   lbq_venv              create/refresh .venv (requirements.txt + test-requirements.txt) and put it on PATH
#   lbq_venv_core216      create/refresh .venv-core216 (test-requirements-core216.txt); does not touch PATH
#   lbq_layout            copy the checkout to .build/collections/ansible_collections/lync/lb_qualification
#                         and export ANSIBLE_COLLECTIONS_PATH (and LBQ_COLLECTION_DIR)
#   lbq_build_install     build the collection tarball into .build/dist and install it into .build/installed;
#                         exports LBQ_TARBALL and LBQ_INSTALLED_COLLECTIONS_PATH
#   lbq_getpip_standin PY write the offline stand-in for ansible-test's get-pip bootstrap for the
#                         ansible-core installed beside interpreter PY
#   lbq_ensure_chromium   install Debian's chromium when it is missing (needed by the report tests)
#
# Everything the functions create lives under .build/, .venv/ and .venv-core216/ (all git-ignored and
# listed in galaxy.yml build_ignore).

LBQ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LBQ_NAMESPACE=lync
LBQ_NAME=lb_qualification
LBQ_BUILD="$LBQ_ROOT/.build"
LBQ_T0="${LBQ_T0:-$SECONDS}"
export LBQ_ROOT LBQ_T0

# Pip from the system Python must never ask questions; keep its output short.
export PIP_DISABLE_PIP_VERSION_CHECK=1

lbq_log() {
    local elapsed=$((SECONDS - LBQ_T0))
    printf '==> [%02d:%02d] %s\n' $((elapsed / 60)) $((elapsed % 60)) "$*"
}

lbq_die() {
    printf 'ERROR: %s\n' "$*" >&2
    return 1
}

# _lbq_python: the Python 3.11 used to create the virtual environments.
_lbq_python() {
    local py
    for py in "${LBQ_PYTHON:-}" python3.11 python3; do
        [[ -n "$py" ]] || continue
        if command -v "$py" >/dev/null 2>&1 \
            && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$py"
            return 0
        fi
    done
    lbq_die "Python 3.11 not found (set LBQ_PYTHON)"
}

# _lbq_make_venv DIR REQUIREMENTS... : (re)create DIR when the requirement files (or the Python) changed.
# A stamp file in DIR holds the sha256 of the Python version plus the requirement files.
_lbq_make_venv() {
    local dir="$1"
    shift
    local py want stamp="$dir/.lbq-requirements.sha256" lock_fd
    py="$(_lbq_python)" || return 1
    # example.sh and test.sh may run at the same time: one of them (re)creates a venv, the other waits.
    mkdir -p "$LBQ_BUILD"
    exec {lock_fd}>"$LBQ_BUILD/.lock-$(basename "$dir")"
    flock "$lock_fd"
    _lbq_make_venv_locked "$dir" "$py" "$stamp" "$@"
    local rc=$?
    exec {lock_fd}>&-
    return $rc
}

_lbq_make_venv_locked() {
    local dir="$1" py="$2" stamp="$3" want
    shift 3
    want="$({ "$py" --version; cat "$@"; } | sha256sum | cut -d' ' -f1)"
    if [[ -x "$dir/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
        && "$dir/bin/python" -c 'pass' 2>/dev/null; then
        echo "    $(basename "$dir") is up to date (stamp $(cut -c1-12 "$stamp"))"
        return 0
    fi
    echo "    (re)creating $(basename "$dir") from: $(printf '%s ' "${@#"$LBQ_ROOT"/}")"
    rm -rf "$dir"
    "$py" -m venv "$dir"
    local args=() f
    for f in "$@"; do
        args+=(-r "$f")
    done
    # (this machine's pip.conf names local index folders that may be absent: drop pip's warnings about them)
    "$dir/bin/python" -m pip install --quiet "${args[@]}" 2>&1 \
        | { grep -v "^WARNING: Location '.*' is ignored: it is neither a file nor a directory" || true; }
    local pip_rc=${PIPESTATUS[0]}
    [[ $pip_rc -eq 0 ]] || lbq_die "pip install into $dir failed (exit $pip_rc)" || return 1
    echo "$want" >"$stamp"
}

lbq_venv() {
    _lbq_make_venv "$LBQ_ROOT/.venv" "$LBQ_ROOT/requirements.txt" "$LBQ_ROOT/test-requirements.txt" || return 1
    export VIRTUAL_ENV="$LBQ_ROOT/.venv"
    case ":$PATH:" in
        *":$VIRTUAL_ENV/bin:"*) ;;
        *) export PATH="$VIRTUAL_ENV/bin:$PATH" ;;
    esac
}

lbq_venv_core216() {
    _lbq_make_venv "$LBQ_ROOT/.venv-core216" "$LBQ_ROOT/test-requirements-core216.txt"
}

# lbq_layout: ansible-test only runs from .../ansible_collections/<namespace>/<name>/ and refuses symlinks
# that resolve elsewhere, so copy (tar) the tracked and untracked-but-not-ignored files there.
# tests/output/ of the copy is kept between runs: it holds ansible-test's delegation venvs.
# The copy gets its own empty git repository (see below).
lbq_layout() {
    local collections="$LBQ_BUILD/collections"
    local dest="$collections/ansible_collections/$LBQ_NAMESPACE/$LBQ_NAME"
    git -C "$LBQ_ROOT" rev-parse --git-dir >/dev/null 2>&1 || lbq_die "$LBQ_ROOT is not a git checkout" || return 1
    mkdir -p "$dest"
    find "$dest" -mindepth 1 -maxdepth 1 ! -name tests ! -name .git -exec rm -rf {} +
    if [[ -d "$dest/tests" ]]; then
        find "$dest/tests" -mindepth 1 -maxdepth 1 ! -name output -exec rm -rf {} +
    fi
    (
        cd "$LBQ_ROOT" || exit 1
        git ls-files -z --cached --others --exclude-standard \
            | while IFS= read -r -d '' f; do
                # tracked files deleted in the work tree are skipped
                if [[ -e "$f" || -L "$f" ]]; then printf '%s\0' "$f"; fi
            done \
            | tar --null --no-recursion -T - -cf -
    ) | tar -C "$dest" -xf - || return 1
    # ansible-test lists content with git when it finds a .git directory, walking upwards: without one here it
    # would find the checkout's, where .build/ is ignored, and see no files at all. An empty repository makes
    # the copy its own root; `git ls-files --others --exclude-standard` then lists every file that was copied.
    if [[ ! -d "$dest/.git" ]]; then
        git init -q "$dest"
    fi
    export LBQ_COLLECTION_DIR="$dest"
    export ANSIBLE_COLLECTIONS_PATH="$collections"
    echo "    $(find "$dest" -path "$dest/tests/output" -prune -o -type f -print | wc -l) files in ${dest#"$LBQ_ROOT"/}"
}

# lbq_build_install: build the tarball from the laid-out copy and install it offline.
lbq_build_install() {
    [[ -n "${LBQ_COLLECTION_DIR:-}" && -d "${LBQ_COLLECTION_DIR:-}" ]] || lbq_layout || return 1
    local dist="$LBQ_BUILD/dist" installed="$LBQ_BUILD/installed"
    rm -rf "$dist" "$installed"
    mkdir -p "$dist" "$installed"
    ansible-galaxy collection build --force --output-path "$dist" "$LBQ_COLLECTION_DIR" >/dev/null || return 1
    local tarballs=("$dist/$LBQ_NAMESPACE-$LBQ_NAME"-*.tar.gz)
    [[ ${#tarballs[@]} -eq 1 && -f "${tarballs[0]}" ]] || lbq_die "expected one tarball in $dist" || return 1
    export LBQ_TARBALL="${tarballs[0]}"
    # -p installs into <path>/ansible_collections/...; the warning that the path is not in the
    # configured collections paths is expected.
    ANSIBLE_COLLECTIONS_PATH="$installed" \
        ansible-galaxy collection install --offline --force -p "$installed" "$LBQ_TARBALL" 2>&1 \
        | grep -v 'is not part of the configured Ansible collections paths' || true
    [[ -f "$installed/ansible_collections/$LBQ_NAMESPACE/$LBQ_NAME/MANIFEST.json" ]] \
        || lbq_die "installing $LBQ_TARBALL into $installed failed" || return 1
    export LBQ_INSTALLED_COLLECTIONS_PATH="$installed"
    echo "    ${LBQ_TARBALL#"$LBQ_ROOT"/}: $(stat -c %s "$LBQ_TARBALL") bytes, $(tar -tzf "$LBQ_TARBALL" | wc -l) members"
}

# lbq_getpip_standin PYTHON: ansible-test bootstraps pip in every venv it makes with a get-pip script
# downloaded from a host we cannot reach, cached as ~/.ansible/test/cache/get_pip_<pip version>.py
# (2.19: get_pip_24_2.py; 2.16: get_pip_23_1_2.py). Write our own stand-in under the name the
# ansible-core beside PYTHON uses: it runs ensurepip, then `pip install` with ansible-test's arguments
# (pip==X and friends come from PyPI). Nothing downloaded is ever committed.
lbq_getpip_standin() {
    local py="$1" version cache
    version="$("$py" - <<'PY'
import pathlib, re, ansible_test
src = (pathlib.Path(ansible_test.__file__).parent / '_internal' / 'python_requirements.py').read_text()
match = re.search(r"default_packages = dict\(\s*pip='([^']+)'", src)
print(match.group(1) if match else '')
PY
)" || return 1
    [[ -n "$version" ]] || lbq_die "cannot find ansible-test's pip version for $py" || return 1
    cache="$HOME/.ansible/test/cache/get_pip_${version//./_}.py"
    mkdir -p "$(dirname "$cache")"
    cat >"$cache.tmp" <<'PY'
"""Offline stand-in for ansible-test's get-pip bootstrap, written by scripts/lib.sh (lync.lb_qualification).

ansible-test runs this file as a pip replacement with pip's install arguments. Instead of unpacking a pip
that was downloaded from a host we cannot reach, bring pip in with ensurepip and install what was asked from
the package index.
"""
import subprocess
import sys

DROP = {'--no-setuptools', '--no-wheel'}
args = [arg for arg in sys.argv[1:] if arg not in DROP]
subprocess.run([sys.executable, '-m', 'ensurepip', '--default-pip'], check=True, stdout=subprocess.DEVNULL)
sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install', '--quiet'] + args))
PY
    mv "$cache.tmp" "$cache"
    echo "    pip bootstrap stand-in: ${cache/#"$HOME"/\~}"
}

# lbq_ensure_chromium: the report tests render HTML with Debian's chromium. Install it when missing
# (apt-get update first). Where apt is unavailable or we are not root, only warn: the test that needs
# chromium then fails loudly.
lbq_ensure_chromium() {
    if command -v chromium >/dev/null 2>&1; then
        echo "    chromium present: $(command -v chromium)"
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1 || [[ "$(id -u)" != 0 ]]; then
        echo "    WARNING: chromium is missing and cannot be installed here (no apt-get or not root);" \
            "the report tests that need it will fail" >&2
        return 0
    fi
    echo "    installing Debian's chromium (apt-get update + install)"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
        if [[ "${CI:-}" == true ]]; then
            lbq_die "apt-get install chromium failed"
            return 1
        fi
        echo "    WARNING: apt-get install chromium failed; the report tests that need it will fail" >&2
    fi
    return 0
}
