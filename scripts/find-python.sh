#!/usr/bin/env bash
# Prints the path of a Python ≥ 3.12 (Django 6.1 needs it), or explains how to get one.
set -euo pipefail
candidates=(python3.13 python3.12 python3)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in $(ls -d "$root"/versions/3.13* "$root"/versions/3.12* 2>/dev/null | sort -rV); do
    candidates=("$v/bin/python" "${candidates[@]}")
  done
fi
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null) || continue
  if "$path" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "找不到 Python 3.12 或更高版本（Django 6.1 需要）。请安装 python3.12/python3.13（含 venv 模块），" >&2
echo "例如 Debian 13：apt-get install python3 python3-venv；或用 pyenv install 3.12。" >&2
exit 1
