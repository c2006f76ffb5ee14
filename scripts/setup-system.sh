#!/usr/bin/env bash
# Installs the Debian packages the project needs (idempotent; does nothing when all are present).
#   runtime (default): fonts-noto-cjk, the CJK font the PDF renderer embeds.
#   test:              also chromium (browser tests), poppler-utils (pdftotext), LibreOffice Calc
#                      (the workbook is opened by soffice in the tests) and wrk (the bench's load
#                      generator, exercised by test/bench-load.test.ts and the quick bench).
#   bench:             runtime's, plus wrk, the load generator of the portal measurement
#                      (npm run bench; without it the measurement falls back to autocannon).
set -euo pipefail
profile="${1:-runtime}"
need=()
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
# pdftotext reads published PDFs (src/read/pdf/published-pdf.ts): a run-time need, not only a test one.
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ "$profile" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
  command -v pg_isready >/dev/null 2>&1 || need+=(postgresql-client)
fi
if [ "$profile" = test ] || [ "$profile" = bench ]; then
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends "${need[@]}"
fi
