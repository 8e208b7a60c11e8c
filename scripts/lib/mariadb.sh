# A private, throwaway MariaDB server for the test suite (sourced by
# scripts/test after common.sh). mariadb_start installs the Debian packages if
# missing, initialises a temporary data folder, starts mariadbd on it (loopback
# only, a free port, its own socket; never /var/lib/mysql nor port 3306) and
# exports GAIAROUTER_TEST_MYSQL_URL; mariadb_stop shuts it down and deletes it.
# MARIADB_BUFFER_POOL / MARIADB_LOG_FILE_SIZE size InnoDB (64M / 16M: tests;
# the usage benchmark asks for more).
# shellcheck shell=bash

MARIADB_DIR=""
MARIADB_PID=""

# _mariadb_free_port: print a loopback TCP port nothing listens on (not 3306).
_mariadb_free_port() {
  local port
  if command -v python3 >/dev/null 2>&1 &&
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null)" &&
    [ -n "$port" ] && [ "$port" != 3306 ]; then
    echo "$port"; return 0
  fi
  local _
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    # A refused connection means the port is free.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  echo "mariadb: no free loopback port found" >&2
  return 1
}

# _mariadb_ensure_installed: mariadb-server/-client; if this call installs
# them, stop (and disable) the system-wide service the package may have
# started, so nothing keeps running on /var/lib/mysql and port 3306.
_mariadb_ensure_installed() {
  local pkgs=(mariadb-server mariadb-client) fresh=0 pkg
  for pkg in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || fresh=1
  done
  ensure_packages "${pkgs[@]}"
  if [ "$fresh" -eq 1 ]; then
    as_root service mariadb stop >/dev/null 2>&1 || as_root systemctl stop mariadb >/dev/null 2>&1 || true
    as_root systemctl disable mariadb >/dev/null 2>&1 || true
  fi
}

mariadb_start() {
  _mariadb_ensure_installed

  local dir port password user
  dir="$(mktemp -d "${TMPDIR:-/tmp}/gaiarouter-mariadb.XXXXXX")"
  MARIADB_DIR="$dir"
  user="$(id -un)"
  mkdir -p "$dir/data"

  log "mariadb: initialising $dir/data"
  if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
    --auth-root-authentication-method=normal --skip-test-db \
    >"$dir/install.log" 2>&1; then
    cat "$dir/install.log" >&2
    echo "mariadb: mariadb-install-db failed" >&2
    return 1
  fi

  port="$(_mariadb_free_port)"
  log "mariadb: starting on 127.0.0.1:$port"
  mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" \
    --port="$port" --bind-address=127.0.0.1 --user="$user" --skip-log-bin \
    --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    --innodb-buffer-pool-size="${MARIADB_BUFFER_POOL:-64M}" --innodb-log-file-size="${MARIADB_LOG_FILE_SIZE:-16M}" \
    --skip-name-resolve --max-connections=200 \
    --innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 \
    </dev/null >/dev/null 2>&1 &
  MARIADB_PID=$!

  local deadline=$((SECONDS + 60))
  until mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -u root ping >/dev/null 2>&1; do
    if ! kill -0 "$MARIADB_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      cat "$dir/error.log" >&2 2>/dev/null || true
      echo "mariadb: the server did not come up (log above)" >&2
      return 1
    fi
    sleep 0.2
  done

  password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  if ! mariadb --no-defaults --socket="$dir/mysqld.sock" -u root <<SQL; then
CREATE DATABASE gaiarouter_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'gaiarouter'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON gaiarouter_test.* TO 'gaiarouter'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`gaiarouter\\_test\\_%\`.* TO 'gaiarouter'@'127.0.0.1';
GRANT CREATE ON *.* TO 'gaiarouter'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
    echo "mariadb: creating the test database and user failed" >&2
    return 1
  fi

  export GAIAROUTER_TEST_MYSQL_URL="mysql://gaiarouter:$password@127.0.0.1:$port/gaiarouter_test"
  log "mariadb: ready (gaiarouter_test on 127.0.0.1:$port)"
}

# mariadb_stop: idempotent; also fine after a failed or partial start.
mariadb_stop() {
  local dir="$MARIADB_DIR" pid="$MARIADB_PID"
  MARIADB_DIR=""; MARIADB_PID=""
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -u root shutdown >/dev/null 2>&1 || true
    local i
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      [ "$i" -eq 25 ] && kill "$pid" 2>/dev/null
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    rm -rf "$dir"
  fi
  return 0
}
