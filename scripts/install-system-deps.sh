#!/usr/bin/env bash
# System packages for reading DOC/WPS/ODT/RTF (LibreOffice Writer) and XLS/ET (LibreOffice Calc), rendering CJK fixtures
# (fonts-wqy-zenhei), the PDF benchmark baseline and scan rasterising (poppler-utils: pdftotext,
# pdftoppm, pdfimages), OCR of scanned reports (tesseract-ocr + tesseract-ocr-chi-sim: the Debian
# packages ship the models, so nothing is downloaded at run time) and the web application's
# browser tests (chromium).
# Idempotent: installs only what is missing. Needs root (or sudo) and Debian/Ubuntu apt.
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer)
# Calc converts XLS/ET spreadsheets to XLSX (Debian ships it apart from Writer).
if command -v dpkg-query >/dev/null 2>&1 && ! dpkg-query -W -f='${Status}' libreoffice-calc 2>/dev/null | grep -q "ok installed"; then
  missing+=(libreoffice-calc)
fi
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
if ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then missing+=(tesseract-ocr-chi-sim); fi
if ! fc-list 2>/dev/null | grep -qi "wenquanyi zen hei"; then missing+=(fonts-wqy-zenhei); fi
# Headless Chromium for the web application's browser tests (tests/serve/browser.test.ts).
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: LibreOffice, poppler-utils, tesseract (chi_sim), a CJK font and Chromium are already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found; install these yourself: ${missing[*]}" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-system-deps: not root and no sudo; the tests that need them (DOC/WPS, OCR, browser) will be skipped (missing: ${missing[*]})" >&2
    exit 0
  fi
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A failed install must not fail CI: without LibreOffice the DOC/WPS tests skip with a message,
# without tesseract the OCR tests do, without Chromium the browser tests do.
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; then
  echo "install-system-deps: apt-get could not install ${missing[*]}; the tests that need them will be skipped" >&2
fi
