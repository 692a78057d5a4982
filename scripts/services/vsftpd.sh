#!/usr/bin/env bash
# vsftpd (Debian) on 127.0.0.1:2121 for the FTP staging tests (root, no systemd).
# Usage: scripts/services/vsftpd.sh start|stop|status
# - anonymous, read-only, rooted at $ROOT/pub (tests write their fixtures there directly);
# - local user parslftp / parslftp with write access, chrooted to $ROOT/home;
# - passive ports 30000-30199 on 127.0.0.1.
# Tests read PARSL_TS_FTP_HOST (127.0.0.1), PARSL_TS_FTP_PORT (2121), PARSL_TS_FTP_USER (parslftp),
# PARSL_TS_FTP_PASSWORD (parslftp), PARSL_TS_FTP_PUB_DIR (/srv/parsl-ts-ftp/pub),
# PARSL_TS_FTP_HOME_DIR (/srv/parsl-ts-ftp/home).
set -euo pipefail
cmd=${1:-status}
ROOT=/srv/parsl-ts-ftp
STATE=/run/parsl-ts-vsftpd
PORT=2121
FTP_USER=parslftp

running() { [ -s "$STATE/vsftpd.pid" ] && kill -0 "$(cat "$STATE/vsftpd.pid")" 2>/dev/null; }

case "$cmd" in
  start)
    command -v vsftpd >/dev/null || [ -x /usr/sbin/vsftpd ] \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends vsftpd
    if running; then echo "vsftpd: already listening on 127.0.0.1:$PORT"; exit 0; fi
    mkdir -p "$STATE" "$ROOT/pub" /var/run/vsftpd/empty
    chown root:root "$ROOT/pub"; chmod 755 "$ROOT/pub"
    printf 'Hello from parsl-ts FTP\n' > "$ROOT/pub/hello.txt"
    id ftp >/dev/null 2>&1 || useradd --system --home-dir "$ROOT/pub" --shell /usr/sbin/nologin ftp
    id "$FTP_USER" >/dev/null 2>&1 || useradd --home-dir "$ROOT/home" --shell /usr/sbin/nologin "$FTP_USER"
    echo "$FTP_USER:$FTP_USER" | chpasswd
    mkdir -p "$ROOT/home"; chown "$FTP_USER:$FTP_USER" "$ROOT/home"
    # Own PAM service: Debian's /etc/pam.d/vsftpd also requires a shell listed in /etc/shells.
    printf 'auth required pam_unix.so\naccount required pam_unix.so\nsession required pam_permit.so\n' \
      > /etc/pam.d/parsl-ts-vsftpd
    cat > "$STATE/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$PORT
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$ROOT/pub
anon_upload_enable=NO
anon_mkdir_write_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=YES
allow_writeable_chroot=YES
local_root=$ROOT/home
pam_service_name=parsl-ts-vsftpd
userlist_enable=NO
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=30000
pasv_max_port=30199
port_enable=NO
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
isolate_network=NO
max_clients=0
max_per_ip=0
xferlog_enable=YES
xferlog_std_format=NO
vsftpd_log_file=$STATE/vsftpd.log
utf8_filesystem=YES
CONF
    nohup /usr/sbin/vsftpd "$STATE/vsftpd.conf" >"$STATE/stdout.log" 2>&1 &
    echo $! > "$STATE/vsftpd.pid"
    for _ in $(seq 1 50); do
      (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1
    done
    (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null \
      || { echo "vsftpd: not listening on 127.0.0.1:$PORT" >&2; cat "$STATE/stdout.log" >&2; exit 1; }
    echo "vsftpd: listening on 127.0.0.1:$PORT (anonymous read-only: $ROOT/pub; user $FTP_USER/$FTP_USER: $ROOT/home)"
    ;;
  status)
    if running; then echo "vsftpd: running (pid $(cat "$STATE/vsftpd.pid")) on 127.0.0.1:$PORT"; else echo "vsftpd: not running"; exit 1; fi
    ;;
  stop)
    if running; then pid=$(cat "$STATE/vsftpd.pid"); kill "$pid"; rm -f "$STATE/vsftpd.pid"; echo "vsftpd: stopped $pid"; else echo "vsftpd: not running"; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
