#!/usr/bin/env bash
# Debian packages the test-suite needs. Each block is idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
