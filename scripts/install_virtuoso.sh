#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source server for `make test-integration` (tests/test_virtuoso.py).
# Why a script: the integration test needs `virtuoso-t`, which is not on PyPI; Debian packages it.
# Idempotent: does nothing when virtuoso-t is already on PATH. Needs root (or sudo) and apt.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then
    echo "virtuoso-t already installed: $(command -v virtuoso-t)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install_virtuoso.sh: error: need root or sudo to run apt-get" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
# The package's debconf asks for a dba password; preseed empty answers so the install never prompts.
# (The test sets its own password in a throw-away database.)
if command -v debconf-set-selections >/dev/null 2>&1; then
    for v in virtuoso-opensource-7 virtuoso-opensource; do
        echo "$v $v/dba-password password " | $SUDO debconf-set-selections || true
        echo "$v $v/dba-password-again password " | $SUDO debconf-set-selections || true
    done
fi
${SUDO:+$SUDO} apt-get update
${SUDO:+$SUDO -E} apt-get install -y --no-install-recommends virtuoso-opensource
# Debian's postinst starts a system-wide instance on 1111/8890; the test runs its own on free ports,
# so stop the system one if it came up (best effort, there may be no init system in containers).
if command -v service >/dev/null 2>&1; then
    $SUDO service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
fi
command -v virtuoso-t
