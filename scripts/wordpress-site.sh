#!/usr/bin/env bash
# A real WordPress site from Debian's packages (wordpress 6.1, php 8.2, mariadb 10.11) on
# 127.0.0.1, for the WordPress plugin's end-to-end tests.
#
#   bash scripts/wordpress-site.sh start DIR PORT   install what is missing, start, print nothing noisy
#   bash scripts/wordpress-site.sh stop DIR         stop its servers, keep its files
#
# start is idempotent: it keeps what DIR already holds (database, docroot, running servers) and
# writes DIR/site.json: {"url", "theme", "users": {admin|author|contributor|editor:
# {"login", "password", "applicationPassword"}}}. DIR also holds the logs: php.log (the web
# server), debug.log (WordPress's WP_DEBUG_LOG), mysql.log, apt.log.
#
# Everything runs as the calling user (root in CI, where MariaDB needs --user=root); only apt
# needs root (sudo otherwise). The site never reaches the internet: WP_HTTP_BLOCK_EXTERNAL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/setup.sh" # step, as_root, apt_install

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

installed() {
    dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q ' installed$'
}

# Installs the packages that are missing; a machine that has them all never runs apt.
packages=(wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql php-codesniffer)
ensure_packages() {
    local missing=() package
    for package in "${packages[@]}"; do
        installed "$package" || missing+=("$package")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    # The system services that this install brings (not ones the machine already had).
    local services=()
    installed apache2 || services+=(apache2)
    installed mariadb-server || services+=(mariadb)
    step "apt-get install ${missing[*]} (log: $dir/apt.log)"
    # The maintainer scripts would start the system's apache2 (wordpress Depends on apache2 |
    # httpd) and mariadb; a policy-rc.d that exits 101 forbids that (invoke-rc.d and
    # deb-systemd-invoke honour it). One that is already there (containers have one) stays.
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
        as_root chmod 755 "$policy"
    fi
    local status=0
    apt_install --no-install-recommends "${missing[@]}" >"$dir/apt.log" 2>&1 || status=$?
    if [ -n "$policy" ]; then
        as_root rm -f "$policy"
        trap - EXIT
    fi
    if [ "$status" != 0 ]; then
        tail -n 20 "$dir/apt.log" >&2
        die "apt-get install failed (log: $dir/apt.log)"
    fi
    # Under systemd they would still start at the next boot; this site runs its own servers.
    if [ -d /run/systemd/system ] && [ ${#services[@]} -gt 0 ]; then
        as_root systemctl disable --quiet "${services[@]}" 2>/dev/null || true
    fi
}

# Whether process PID runs. A zombie does not: killed servers are reparented to init, which
# may reap them late (this VM's does), and kill -0 still finds them until then.
running() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ "$state" != Z* ]]
}

# Whether the pid in PIDFILE runs and is NAME (a stale pid file may name another process).
alive() {
    local pidfile=$1 name=$2 pid
    [ -s "$pidfile" ] || return 1
    pid=$(<"$pidfile")
    running "$pid" && grep -q "$name" "/proc/$pid/comm" 2>/dev/null
}

# Stops the process group that PIDFILE's process leads (started with setsid, so the PHP
# server's workers go with it) and waits for it to exit.
stop_group() {
    local pidfile=$1 name=$2 pid _
    if alive "$pidfile" "$name"; then
        pid=$(<"$pidfile")
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
        for _ in $(seq 600); do
            running "$pid" || break
            sleep 0.1
        done
        ! running "$pid" || die "$name (pid $pid) did not stop in 60 s"
    fi
    rm -f "$pidfile"
}

db_password=wordpress-e2e
mysql_client() {
    mariadb --no-defaults --socket="$dir/mysql.sock" --user=root "$@"
}

# A private MariaDB: its own datadir and socket, no TCP port, small InnoDB files.
start_mariadb() {
    local server_options=(--innodb-log-file-size=8M --innodb-buffer-pool-size=64M)
    local as_user=()
    # mariadbd refuses to run as root unless told to.
    [ "$(id -u)" != 0 ] || as_user=(--user=root)
    if [ ! -e "$dir/mysql/.initialized" ]; then
        step "mariadb-install-db ($dir/mysql)"
        rm -rf "$dir/mysql"
        mariadb-install-db --no-defaults --datadir="$dir/mysql" "${as_user[@]}" \
            --auth-root-authentication-method=normal --skip-test-db "${server_options[@]}" \
            >"$dir/mysql-install.log" 2>&1 || die "mariadb-install-db failed (log: $dir/mysql-install.log)"
        touch "$dir/mysql/.initialized"
    fi
    if ! alive "$dir/mysql.pid" mariadbd; then
        step "start MariaDB ($dir/mysql.sock)"
        setsid /usr/sbin/mariadbd --no-defaults --datadir="$dir/mysql" "${as_user[@]}" \
            --socket="$dir/mysql.sock" --pid-file="$dir/mysql.pid" --skip-networking \
            --log-error="$dir/mysql.log" "${server_options[@]}" </dev/null >/dev/null 2>&1 &
        local pid=$! _
        for _ in $(seq 300); do
            mariadb-admin --no-defaults --socket="$dir/mysql.sock" --user=root ping >/dev/null 2>&1 && break
            running "$pid" || die "MariaDB exited (log: $dir/mysql.log)"
            sleep 0.1
        done
        mariadb-admin --no-defaults --socket="$dir/mysql.sock" --user=root ping >/dev/null 2>&1 ||
            die "MariaDB did not answer in 30 s (log: $dir/mysql.log)"
    fi
    mysql_client -e "CREATE DATABASE IF NOT EXISTS wordpress;
        CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY '$db_password';
        GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';" ||
        die "creating the database failed (log: $dir/mysql.log)"
}

# A private, writable copy of Debian's WordPress. Debian's tree symlinks wp-content to
# /var/lib/wordpress, bundled JS and getID3 to /usr/share/{javascript,php}, and its
# wp-config.php reads /etc/wordpress/config-HOST.php: copy it dereferenced, write our own config.
build_docroot() {
    local version
    version=$(dpkg-query -W -f='${Version}' wordpress)
    if [ "$(cat "$dir/site.version" 2>/dev/null)" != "$version" ]; then
        step "copy Debian's WordPress $version to $dir/site"
        mkdir -p "$dir/site"
        cp -rL /usr/share/wordpress/. "$dir/site/"
        rm -f "$dir/site/.htaccess" # Apache's (→ /etc/wordpress/htaccess); PHP's server ignores it
        echo "$version" >"$dir/site.version"
    fi
    mkdir -p "$dir/site/wp-content/plugins" "$dir/site/wp-content/uploads" "$dir/site/wp-content/upgrade" \
        "$dir/site/wp-content/mu-plugins"
    cp "$here/wordpress-site/no-update-checks.php" "$dir/site/wp-content/mu-plugins/candidacy-no-update-checks.php"
    [ -s "$dir/salt" ] || od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$dir/salt"
    local salt
    salt=$(<"$dir/salt")
    cat >"$dir/wp-config.php.new" <<EOF
<?php
// Written by scripts/wordpress-site.sh on every start; edits are lost.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', 'localhost:$dir/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';

foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as \$name) {
    define(\$name, \$name . '$salt');
}

define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
// 'local' lets application passwords work over plain http.
define('WP_ENVIRONMENT_TYPE', 'local');
// Plugin uploads write straight to wp-content: no FTP credentials form.
define('FS_METHOD', 'direct');
define('DISALLOW_FILE_EDIT', false);
// Nothing may leave 127.0.0.1: no update checks, no wordpress.org, no cron spawning them.
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '$dir/debug.log');
define('WP_DEBUG_DISPLAY', false);

if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
EOF
    # Replace it only when it changed: a running server may be reading it.
    if cmp -s "$dir/wp-config.php.new" "$dir/site/wp-config.php"; then
        rm "$dir/wp-config.php.new"
    else
        mv "$dir/wp-config.php.new" "$dir/site/wp-config.php"
    fi
}

# Whether this site's PHP server already serves PORT.
php_serving() {
    alive "$dir/php.pid" php && [ "$(cat "$dir/php.port" 2>/dev/null)" = "$port" ]
}

# PHP's built-in server; workers so that parallel requests (the block editor makes several) do
# not queue behind one another, opcache so that each request does not recompile WordPress.
start_php() {
    cp "$here/wordpress-site/router.php" "$dir/router.php"
    ! php_serving || return 0
    stop_group "$dir/php.pid" php
    step "php -S 127.0.0.1:$port (log: $dir/php.log)"
    PHP_CLI_SERVER_WORKERS=4 setsid php -d upload_max_filesize=64M -d post_max_size=64M \
        -d memory_limit=256M -d opcache.enable_cli=1 -d display_errors=0 -d log_errors=1 \
        -S "127.0.0.1:$port" -t "$dir/site" "$dir/router.php" </dev/null >>"$dir/php.log" 2>&1 &
    local pid=$! code="" _
    echo "$pid" >"$dir/php.pid"
    echo "$port" >"$dir/php.port"
    for _ in $(seq 200); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/" || true)
        case "$code" in 200 | 302) return ;; esac
        running "$pid" || die "the PHP server exited (log: $dir/php.log)"
        sleep 0.1
    done
    die "$url/ answered HTTP $code, not 200 (logs: $dir/php.log, $dir/debug.log)"
}

# The site answers its home page, and REST authenticates the author's application password.
verify() {
    step "check $url/ and REST users/me as author"
    curl -fsS --max-time 30 "$url/" -o "$dir/home.html" ||
        die "$url/ failed (logs: $dir/php.log, $dir/debug.log)"
    grep -q 'Candidacy test clinic' "$dir/home.html" ||
        die "$url/ is not the test site's home page (saved: $dir/home.html; log: $dir/debug.log)"
    local app_password me
    app_password=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["users"]["author"]["applicationPassword"];' "$dir/site.json")
    me=$(curl -fsS --max-time 30 -u "author:$app_password" "$url/?rest_route=/wp/v2/users/me&context=edit") ||
        die "REST users/me as author failed (logs: $dir/php.log, $dir/debug.log)"
    php -r 'exit(in_array("author", json_decode($argv[1], true)["roles"] ?? [], true) ? 0 : 1);' "$me" ||
        die "REST users/me as author did not return the author: $me"
}

command=${1:-}
case "$command" in
start)
    [ $# = 3 ] || usage
    port=$3
    [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] || die "PORT must be 1024-65535, not $port"
    mkdir -p "$2"
    dir=$(cd "$2" && pwd -P)
    # It goes into wp-config.php and a socket path (at most 107 bytes): keep it plain and short.
    [[ "$dir" =~ ^[A-Za-z0-9/._+-]+$ ]] || die "DIR must be a plain path (letters, digits, / . _ + -): $dir"
    [ ${#dir} -le 90 ] || die "DIR is too long for a socket path: $dir"
    url="http://127.0.0.1:$port"
    # Fail before changing anything when another program holds the port.
    if ! php_serving && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port on 127.0.0.1 is already in use"
    fi
    ensure_packages
    start_mariadb
    build_docroot
    step "install WordPress, users, application passwords ($dir/site.json)"
    php -d display_errors=stderr "$here/wordpress-site/install.php" "$dir/site" "$url" "$dir/site.json" 2>>"$dir/install.log" ||
        die "installing WordPress failed (logs: $dir/install.log, $dir/debug.log)"
    start_php
    verify
    step "WordPress on $url/ (users: $dir/site.json)"
    ;;
stop)
    [ $# = 2 ] || usage
    dir=$2
    [ -d "$dir" ] || exit 0
    stop_group "$dir/php.pid" php
    stop_group "$dir/mysql.pid" mariadbd
    ;;
*)
    usage
    ;;
esac
