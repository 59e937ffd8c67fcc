#!/usr/bin/env bash
# Installs the Debian packages Courthall needs, or says which ones to install.
#   scripts/system-packages.sh run    what `make run` needs: WeasyPrint's libraries, a CJK font, and
#                                     poppler-utils (pdftoppm draws the thumbnails of uploaded PDFs)
#   scripts/system-packages.sh test   also Chromium and a PostgreSQL server to test against
# As root it uses apt-get; otherwise it names the missing packages and stops.
set -euo pipefail

mode=${1:-run}
packages=(fontconfig fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
if [ "$mode" = test ]; then
  packages+=(chromium postgresql-client)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "本机不是 Debian/Ubuntu：请自行安装与以下 Debian 软件包等效的组件：${packages[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

# The test suite runs on PostgreSQL; install a server only when none answers where the tests look for it.
need_server=no
if [ "$mode" = test ] && [ -z "${DATABASE_URL:-}" ]; then
  if ! (command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432); then
    if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql/*/main >/dev/null 2>&1; then
      echo "PostgreSQL 未运行，正在启动……"
      for dir in /etc/postgresql/*/main; do
        version=$(basename "$(dirname "$dir")")
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
      done
    else
      need_server=yes
      missing+=(postgresql)
    fi
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "缺少系统软件包：${missing[*]}" >&2
    echo "请以 root 身份安装后重试：sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "正在安装系统软件包：${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "$need_server" = yes ]; then
  for dir in /etc/postgresql/*/main; do
    version=$(basename "$(dirname "$dir")")
    # The tests connect over TCP as postgres without a password, as on the project's machines.
    sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$dir/pg_hba.conf"
    pg_ctlcluster --skip-systemctl-redirect "$version" main restart || pg_ctlcluster --skip-systemctl-redirect "$version" main start
  done
fi

if [ "$mode" = test ] && [ -z "${DATABASE_URL:-}" ]; then
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
    sleep 1
  done
  echo "PostgreSQL 在 127.0.0.1:5432 上没有响应。请启动它，或用 DATABASE_URL 指向可用的 PostgreSQL。" >&2
  exit 1
fi
