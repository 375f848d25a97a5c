#!/usr/bin/env bash
# deb_package_test.sh BUILD_DIR: the Debian package, as an administrator would receive it.
#
#  1. `cpack -G DEB` in BUILD_DIR (into a temporary directory, so the build tree is untouched);
#  2. `dpkg-deb --info`: the declared dependencies (the shared libraries' packages and adduser)
#     and the maintainer scripts and conffiles;
#  3. `dpkg -x` into a throwaway root: the file list (the program, share/tdkt/…, /etc/tdkt, the
#     systemd unit), the installed configuration's paths;
#  4. `systemd-analyze verify` and `security --offline` of tdkt.service (skipped, with a message,
#     when systemd-analyze is not installed);
#  5. the extracted tdkt, run from `/`: `calendar holidays` without any configuration (it finds
#     share/tdkt beside itself), and, with the installed tdkt.yaml rewritten to the throwaway root,
#     `migrate --config` and `serve --config` on a fresh SQLite database answering /healthz;
#  6. the maintainer scripts, run with DPKG_ROOT at the throwaway root and the commands that would
#     change the machine (adduser, chown, runuser, systemctl, deluser) replaced by recorders:
#     postinst adds the system user, migrates only when TDKT_MIGRATE_ON_INSTALL=yes, purge removes
#     the state directory and the user;
#  7. `dpkg --root` installs, removes and purges it in a second throwaway root (its own dpkg
#     database; the maintainer scripts run with DPKG_ROOT and the same recorders): conffiles
#     recorded and kept on remove, everything gone on purge;
#  8. removes the throwaway roots.
# Nothing is installed on this machine. Exit 0 when every check passed, 1 otherwise.
set -uo pipefail

build_dir="$(cd "${1:?usage: deb_package_test.sh BUILD_DIR}" && pwd)"
work="$(mktemp -d /tmp/tdkt-deb-test.XXXXXX)"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() {  # check DESCRIPTION COMMAND...: runs COMMAND, counts a failure when it fails
  local what="$1"
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what" >&2
    failures=$((failures + 1))
  fi
}
contains() { grep -qF -- "$2" "$1"; }

echo "== cpack -G DEB"
if ! (cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1); then
  cat "$work/cpack.log" >&2
  echo "FAILED: cpack -G DEB" >&2
  exit 1
fi
deb="$(ls "$work"/out/tdkt_*.deb)"
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

echo "== dpkg-deb --info"
dpkg-deb --info "$deb" >"$work/info.txt"
dpkg-deb --field "$deb" Depends >"$work/depends.txt"
cat "$work/depends.txt"
for dep in adduser libc6 libstdc++6 libsoci-core4.0 libsoci-sqlite3-4.0 libsoci-postgresql4.0 \
  libpq5 libyaml-cpp0.7 libssl3 libcurl4 libboost-json1.81.0; do
  check "Depends names $dep" grep -qE "(^|, )${dep//+/\\+}( |,|$)" "$work/depends.txt"
done
for script in postinst prerm postrm conffiles; do
  check "control archive has $script" grep -qE "^ +[0-9]+ bytes, +[0-9]+ lines +\*? +$script( |$)" \
    "$work/info.txt"
done
dpkg-deb --control "$deb" "$work/control"
for script in postinst prerm postrm; do
  check "$script is executable and valid sh" sh -n "$work/control/$script"
  check "$script is mode 755" test "$(stat -c %a "$work/control/$script")" = 755
done
check "conffiles: /etc/tdkt/tdkt.yaml" grep -qx /etc/tdkt/tdkt.yaml "$work/control/conffiles"
check "conffiles: /etc/default/tdkt" grep -qx /etc/default/tdkt "$work/control/conffiles"

echo "== dpkg -x"
root="$work/root"
dpkg -x "$deb" "$root"
for path in usr/bin/tdkt usr/share/tdkt/rules/thanh_hoa_2024.yaml usr/share/tdkt/calendar/2024.yaml \
  usr/share/tdkt/notify/templates.yaml usr/share/tdkt/web/index.html usr/share/tdkt/web/app.js \
  etc/tdkt/tdkt.yaml etc/default/tdkt usr/lib/systemd/system/tdkt.service \
  usr/share/doc/tdkt/operations.md usr/share/doc/tdkt/examples/nginx/tdkt.conf; do
  check "the package installs /$path" test -f "$root/$path"
done
check "/usr/bin/tdkt is executable" test -x "$root/usr/bin/tdkt"
check "nothing is installed outside /usr and /etc" \
  test -z "$(cd "$root" && find . -mindepth 1 -maxdepth 1 ! -name usr ! -name etc)"
config="$root/etc/tdkt/tdkt.yaml"
check "tdkt.yaml: SQLite under /var/lib/tdkt" contains "$config" "url: sqlite:/var/lib/tdkt/tdkt.db"
for key in "rules: /usr/share/tdkt/rules" "calendar: /usr/share/tdkt/calendar" \
  "web: /usr/share/tdkt/web" "notify_templates: /usr/share/tdkt/notify/templates.yaml"; do
  check "tdkt.yaml: $key" contains "$config" "$key"
done

echo "== tdkt.service"
unit="$root/usr/lib/systemd/system/tdkt.service"
for line in "User=tdkt" "StateDirectory=tdkt" \
  "ExecStart=/usr/bin/tdkt serve --config /etc/tdkt/tdkt.yaml" "Restart=on-failure" \
  "NoNewPrivileges=yes" "ProtectSystem=strict" "PrivateTmp=yes" "ProtectHome=yes" \
  "WantedBy=multi-user.target"; do
  check "unit: $line" grep -qx -- "$line" "$unit"
done
if command -v systemd-analyze >/dev/null; then
  # verify looks for the ExecStart program: point it at the extracted one. It only warns about
  # an unknown key or a bad value, so any line it prints about the unit is a failure.
  mkdir -p "$work/unit"
  sed "s#^ExecStart=/usr/bin/tdkt#ExecStart=$root/usr/bin/tdkt#" "$unit" >"$work/unit/tdkt.service"
  systemd-analyze verify "$work/unit/tdkt.service" >"$work/verify.log" 2>&1
  verify_rc=$?
  cat "$work/verify.log"
  check "systemd-analyze verify exits 0" test "$verify_rc" -eq 0
  check "systemd-analyze verify has nothing to say about tdkt.service" \
    test -z "$(grep tdkt.service "$work/verify.log")"
  if systemd-analyze security --offline=yes "$work/unit/tdkt.service" >"$work/security.log" 2>&1; then
    exposure="$(sed -n 's/.*Overall exposure level for tdkt.service: \([0-9.]*\).*/\1/p' "$work/security.log")"
    echo "systemd-analyze security: exposure $exposure (0 = fully sandboxed, 10 = none)"
    check "exposure level below 2.0" awk -v e="$exposure" 'BEGIN { exit !(e != "" && e < 2.0) }'
  else
    echo "skip: systemd-analyze security --offline is not supported here"
  fi
else
  echo "skip: systemd-analyze is not installed (the systemd package): the unit is not verified"
fi

echo "== the extracted tdkt, run from /"
tdkt="$root/usr/bin/tdkt"
(cd / && "$tdkt" calendar holidays 2024) >"$work/holidays.txt" 2>&1
check "calendar holidays 2024 from / finds share/tdkt beside the program" \
  grep -q "Tết Nguyên đán" "$work/holidays.txt"
(cd / && TDKT_CONFIG= "$tdkt" calendar add-working-days 2024-02-07 1) >"$work/add.txt" 2>&1
check "calendar add-working-days skips Tết (2024-02-07 + 1 = 15/02/2024)" \
  grep -q "15/02/2024" "$work/add.txt"
state="$work/state"
mkdir -p "$state"
sed -e "s#/usr/share/tdkt#$root/usr/share/tdkt#g" -e "s#/var/lib/tdkt#$state#g" "$config" \
  >"$work/tdkt.yaml"
(cd / && "$tdkt" migrate --config "$work/tdkt.yaml") >"$work/migrate.txt" 2>&1
check "migrate --config creates the configured SQLite database" \
  grep -q "migrated sqlite:$state/tdkt.db" "$work/migrate.txt"
(cd / && TDKT_CONFIG="$work/tdkt.yaml" "$tdkt" migrate) >"$work/migrate2.txt" 2>&1
check "migrate without --db takes the database of TDKT_CONFIG" \
  grep -q "schema of sqlite:$state/tdkt.db is up to date" "$work/migrate2.txt"
(cd / && "$tdkt" calendar holidays 2024 --config "$work/tdkt.yaml") >"$work/holidays2.txt" 2>&1
check "calendar holidays --config (the installed tdkt.yaml) from /" \
  cmp -s "$work/holidays.txt" "$work/holidays2.txt"
# First run (docs/operations.md): `tdkt init` on the installed configuration's database creates
# the first admin and prints its token, once; a second init is refused.
(cd / && "$tdkt" init --config "$work/tdkt.yaml" --admin-id quan-tri \
  --admin-name "Nguyễn Văn An") >"$work/init.txt" 2>"$work/init.err"
check "init (first run) exits 0" test $? -eq 0
token="$(grep -o 'tdkt_[A-Za-z0-9_-]*' "$work/init.txt" | head -n 1)"
check "init prints the first admin's token" test -n "$token"
(cd / && "$tdkt" init --config "$work/tdkt.yaml" --admin-id khac --admin-name "Khác") \
  >/dev/null 2>"$work/init2.err"
check "a second init is refused (exit 2)" test $? -eq 2
(cd / && "$tdkt" user add --config "$work/tdkt.yaml" --id vptk --name "Văn phòng" \
  --role secretariat && "$tdkt" user list --config "$work/tdkt.yaml") >"$work/users.txt" 2>&1
check "user add and user list work on the installed configuration's database" \
  grep -q "^vptk" "$work/users.txt"
(cd / && exec "$tdkt" serve --config "$work/tdkt.yaml" --listen 127.0.0.1:0) \
  >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's#.* on \(http://127\.0\.0\.1:[0-9]*\)/.*#\1#p' "$work/serve.out")"
  [ -n "$url" ] && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.1
done
check "serve --config (from /) starts" test -n "$url"
if [ -n "$url" ]; then
  curl -fsS "$url/healthz" >"$work/healthz.json" 2>&1
  cat "$work/healthz.json"
  echo
  check "/healthz: ok on sqlite" grep -q '"status":"ok".*"database":"sqlite"' "$work/healthz.json"
  curl -fsS "$url/" >"$work/index.html" 2>&1
  check "the dashboard is served from share/tdkt/web" \
    cmp -s "$work/index.html" "$root/usr/share/tdkt/web/index.html"
  if [ -n "$token" ]; then
    curl -sS -H "Authorization: Bearer $token" "$url/api/v1/me" >"$work/me.json" 2>&1
    check "the first admin's token logs in as admin" grep -q '"admin"' "$work/me.json"
  fi
fi
kill -TERM "$serve_pid" 2>/dev/null
wait "$serve_pid"
serve_rc=$?
serve_pid=""
check "serve stops on SIGTERM with exit 0" test "$serve_rc" -eq 0
test "$serve_rc" -eq 0 || cat "$work/serve.err" >&2

echo "== maintainer scripts (DPKG_ROOT=$root, recorders for what would change this machine)"
stubs="$work/stubs"
mkdir -p "$stubs"
log="$work/commands.log"
for command in adduser deluser delgroup chown systemctl; do
  printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$command" "$log" >"$stubs/$command"
done
# getent: the user exists once the recorder has seen adduser.
printf '#!/bin/sh\ngrep -q "^adduser" "%s" 2>/dev/null\n' "$log" >"$stubs/getent"
# runuser -u USER -- COMMAND...: records, then runs COMMAND as the current user.
printf '#!/bin/sh\necho "runuser $*" >>"%s"\nshift 3\nexec "$@"\n' "$log" >"$stubs/runuser"
chmod +x "$stubs"/*
# The installed configuration at the throwaway root points at the throwaway state directory.
sed -i -e "s#/usr/share/tdkt#$root/usr/share/tdkt#g" -e "s#/var/lib/tdkt#$root/var/lib/tdkt#g" \
  "$config"
# run_script SCRIPT ARGS...: as dpkg would, with the recorders first on PATH; $migrate_env is
# TDKT_MIGRATE_ON_INSTALL in the script's environment (empty: not set).
migrate_env=""
run_script() {
  local environment=(env -u TDKT_MIGRATE_ON_INSTALL)
  [ -n "$migrate_env" ] && environment+=("TDKT_MIGRATE_ON_INSTALL=$migrate_env")
  (cd / && "${environment[@]}" DPKG_ROOT="$root" PATH="$stubs:$PATH" "$work/control/$@") \
    >>"$work/scripts.out" 2>&1
}
run_script postinst configure
check "postinst configure exits 0" test $? -eq 0
check "postinst adds the tdkt system user and group" grep -q "^adduser --system --group .* tdkt$" "$log"
check "postinst creates the state directory" test -d "$root/var/lib/tdkt"
check "postinst gives it to tdkt" grep -q "^chown tdkt:tdkt $root/var/lib/tdkt$" "$log"
check "postinst does not migrate by default" test ! -e "$root/var/lib/tdkt/tdkt.db"
migrate_env=yes run_script postinst configure 0.1.0
check "postinst configure (TDKT_MIGRATE_ON_INSTALL=yes in the environment) exits 0" test $? -eq 0
check "postinst migrates as tdkt" \
  grep -q "^runuser -u tdkt -- $root/usr/bin/tdkt migrate --config $config$" "$log"
check "postinst's migration creates the database" test -s "$root/var/lib/tdkt/tdkt.db"
sed -i 's/^TDKT_MIGRATE_ON_INSTALL=no$/TDKT_MIGRATE_ON_INSTALL=yes/' "$root/etc/default/tdkt"
migrate_env=no run_script postinst configure 0.1.0
check "the environment's TDKT_MIGRATE_ON_INSTALL=no wins over /etc/default/tdkt's yes" \
  test "$(grep -c '^runuser' "$log")" -eq 1
run_script postinst configure 0.1.0
check "TDKT_MIGRATE_ON_INSTALL=yes in /etc/default/tdkt migrates" \
  test "$(grep -c '^runuser' "$log")" -eq 2
check "the user is added once" test "$(grep -c '^adduser' "$log")" -eq 1
run_script prerm remove
check "prerm remove exits 0" test $? -eq 0
run_script postrm remove
check "postrm remove exits 0" test $? -eq 0
check "postrm remove keeps the state" test -s "$root/var/lib/tdkt/tdkt.db"
check "postrm remove keeps the user" test -z "$(grep '^deluser' "$log")"
run_script postrm purge
check "postrm purge exits 0" test $? -eq 0
check "postrm purge removes the state directory" test ! -e "$root/var/lib/tdkt"
check "postrm purge removes the user" grep -q "^deluser --system --quiet tdkt$" "$log"
cat "$work/scripts.out"

echo "== dpkg --root: install, remove, purge in a throwaway root"
if [ "$(id -u)" -ne 0 ]; then
  echo "skip: dpkg --root needs root to set the files' owners (scripts/test runs as root)"
else
  # dpkg's own database in the throwaway root; the maintainer scripts run outside a chroot with
  # DPKG_ROOT set (--force-script-chrootless) and the recorders first on PATH. The root holds none
  # of the libraries, so the dependencies are not checked there (--force-depends).
  droot="$work/dpkg-root"
  mkdir -p "$droot/var/lib/dpkg/info" "$droot/var/lib/dpkg/updates" "$droot/var/lib/dpkg/triggers"
  touch "$droot/var/lib/dpkg/status" "$droot/var/lib/dpkg/available"
  : >"$log"
  dpkg_root() {
    (cd / && env -u TDKT_MIGRATE_ON_INSTALL PATH="$stubs:$PATH" dpkg --root="$droot" \
      --force-script-chrootless --force-depends --log="$work/dpkg.log" "$@") \
      >>"$work/dpkg.out" 2>&1
  }
  dpkg_root --install "$deb"
  check "dpkg --root --install exits 0" test $? -eq 0
  check "dpkg records the package as installed" \
    test "$(dpkg-query --admindir="$droot/var/lib/dpkg" -W -f='${Status}' tdkt)" = \
    "install ok installed"
  check "dpkg records /etc/tdkt/tdkt.yaml as a conffile" \
    grep -q "^ /etc/tdkt/tdkt.yaml [0-9a-f]*$" \
    <(dpkg-query --admindir="$droot/var/lib/dpkg" -W -f='${Conffiles}\n' tdkt)
  check "the installed program is there" test -x "$droot/usr/bin/tdkt"
  check "its post-install added the user" grep -q "^adduser --system --group .* tdkt$" "$log"
  check "and the state directory" test -d "$droot/var/lib/tdkt"
  echo "keep me" >"$droot/var/lib/tdkt/tdkt.db"
  echo "# edited" >>"$droot/etc/tdkt/tdkt.yaml"
  dpkg_root --remove tdkt
  check "dpkg --root --remove exits 0" test $? -eq 0
  check "remove takes the program and the data away" \
    test ! -e "$droot/usr/bin/tdkt" -a ! -e "$droot/usr/share/tdkt"
  check "remove keeps the edited configuration" grep -q "^# edited$" "$droot/etc/tdkt/tdkt.yaml"
  check "remove keeps the database" test -s "$droot/var/lib/tdkt/tdkt.db"
  dpkg_root --purge tdkt
  check "dpkg --root --purge exits 0" test $? -eq 0
  check "purge leaves nothing of tdkt in the root" \
    test -z "$(cd "$droot" && find . -path ./var/lib/dpkg -prune -o -type f -print)"
  check "purge removes the user and group" \
    test "$(grep -c '^del\(user\|group\) --system --quiet tdkt$' "$log")" -eq 2
  check "dpkg forgets the package" \
    test -z "$(dpkg-query --admindir="$droot/var/lib/dpkg" -W -f='${Status}' tdkt 2>/dev/null)"
fi

if [ "$failures" -ne 0 ]; then
  cat "$work/dpkg.out" >&2
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all package checks passed"
