#!/usr/bin/env bash
# nginx_tls_test.sh SOURCE_DIR TDKT_BINARY: packaging/nginx/tdkt.conf, the supported way to serve
# tdkt over HTTPS, with Debian's nginx.
#
#  1. `nginx -t` accepts the example as shipped, included in an `http { }` block, with only its
#     certificate paths pointed at a throwaway self-signed certificate (openssl);
#  2. then the same file, its ports moved to free loopback ports, in front of a running
#     `tdkt serve`: /healthz over HTTPS answers through the proxy, plain HTTP redirects to HTTPS,
#     and /metrics stays private.
# Everything lives in a temporary nginx prefix (-p, -c, -e); no root-owned path or low port is
# used. Exit 0 when every check passed, 1 otherwise; 77 (skipped) when nginx is not installed.
set -uo pipefail

source_dir="${1:?usage: nginx_tls_test.sh SOURCE_DIR TDKT_BINARY}"
tdkt="${2:?usage: nginx_tls_test.sh SOURCE_DIR TDKT_BINARY}"
nginx="$(command -v nginx || echo /usr/sbin/nginx)"
if [ ! -x "$nginx" ]; then
  echo "skip: nginx is not installed (scripts/install-deps installs it)"
  exit 77
fi
work="$(mktemp -d /tmp/tdkt-nginx-test.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() {
  local what="$1"
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failures=$((failures + 1)); fi
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=tdkt.example.gov.vn" \
  -keyout "$work/tdkt.key" -out "$work/tdkt.pem" >/dev/null 2>&1 || {
  echo "FAILED: openssl could not make a self-signed certificate" >&2
  exit 1
}

# The wrapper nginx.conf: everything nginx writes goes into the prefix.
write_main_conf() {  # write_main_conf SITE_FILE
  mkdir -p "$work/logs" "$work/temp"
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
daemon off;
events { worker_connections 64; }
http {
    access_log $work/logs/access.log;
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    include $1;
}
CONF
}

echo "== nginx -t of packaging/nginx/tdkt.conf"
sed -e "s#/etc/ssl/certs/tdkt.example.gov.vn.pem#$work/tdkt.pem#" \
  -e "s#/etc/ssl/private/tdkt.example.gov.vn.key#$work/tdkt.key#" \
  "$source_dir/packaging/nginx/tdkt.conf" >"$work/tdkt.conf"
check "only the certificate paths were changed" \
  test "$(diff "$source_dir/packaging/nginx/tdkt.conf" "$work/tdkt.conf" | grep -c '^>')" -eq 2
write_main_conf "$work/tdkt.conf"
"$nginx" -t -q -p "$work" -c "$work/nginx.conf" -e "$work/logs/error.log" >"$work/t.log" 2>&1
rc=$?
cat "$work/t.log"
check "nginx -t accepts the example" test "$rc" -eq 0

echo "== HTTPS through nginx to tdkt serve"
mkdir -p "$work/db"
cat >"$work/tdkt.yaml" <<CONF
paths:
  rules: "$source_dir/config/rules"
  calendar: "$source_dir/config/calendar"
  web: "$source_dir/web"
CONF
"$tdkt" serve --config "$work/tdkt.yaml" --db "sqlite:$work/db/tdkt.db" --migrate \
  --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
upstream=""
for _ in $(seq 1 100); do
  upstream="$(sed -n 's#.* on http://\(127\.0\.0\.1:[0-9]*\)/.*#\1#p' "$work/serve.out")"
  [ -n "$upstream" ] && break
  sleep 0.1
done
check "tdkt serve starts" test -n "$upstream"
https_port="$(free_port)"
http_port="$(free_port)"
sed -e "s#server 127.0.0.1:8080;#server $upstream;#" -e '/listen \[::\]/d' \
  -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
  -e "s#listen 80;#listen 127.0.0.1:$http_port;#" "$work/tdkt.conf" >"$work/tdkt-local.conf"
write_main_conf "$work/tdkt-local.conf"
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/logs/error.log" 2>>"$work/logs/error.log" &
pids+=($!)
ready=0
for _ in $(seq 1 50); do
  if curl -sk -o /dev/null "https://127.0.0.1:$https_port/healthz"; then ready=1; break; fi
  sleep 0.1
done
check "nginx serves HTTPS" test "$ready" -eq 1
curl -sS --cacert "$work/tdkt.pem" --resolve "tdkt.example.gov.vn:$https_port:127.0.0.1" \
  "https://tdkt.example.gov.vn:$https_port/healthz" >"$work/healthz.json" 2>&1
cat "$work/healthz.json"
echo
check "/healthz over HTTPS (certificate verified) reaches tdkt" \
  grep -q '"status":"ok"' "$work/healthz.json"
headers="$(curl -skS -D - -o /dev/null "https://127.0.0.1:$https_port/healthz")"
check "HSTS on HTTPS answers" grep -qi "^strict-transport-security: max-age=" <<<"$headers"
redirect="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' \
  "http://127.0.0.1:$http_port/api/v1/version")"
check "plain HTTP redirects to HTTPS ($redirect)" \
  test "$redirect" = "301 https://127.0.0.1/api/v1/version"
metrics="$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$https_port/metrics")"
check "/metrics is not published through the proxy ($metrics)" test "$metrics" = 404
if [ "$failures" -ne 0 ]; then
  cat "$work/logs/error.log" "$work/serve.err" >&2
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all nginx checks passed"
