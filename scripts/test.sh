#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and the real Tesseract, installing and starting them first
# (project-locally; see scripts/setup.sh). Extra arguments go to `dotnet test`.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
# The pages are tested in a real browser: Debian's chromium, installed by the setup.
setup_env=$(LEDGER_WITH_BROWSER=1 scripts/setup.sh)
eval "$setup_env"
export LEDGER_ADMIN_CONNECTION
dotnet build Ledger.sln -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
dotnet test Ledger.sln -c Release --no-build -nologo "$@"
