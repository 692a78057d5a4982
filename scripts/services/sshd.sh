#!/bin/bash
# sshd.sh start|stop|status: a throw-away OpenSSH server on 127.0.0.1:2222 for the SSH channel tests.
#   root        key login only (key: $DIR/id_ed25519)
#   parsltest   password "parsl-test-pw" (password and keyboard-interactive via PAM) and the same key
#   parsloauth  keyboard-interactive / password where the "password" is an OAuth access token, checked
#               by pam_exec against the introspection URL a test writes into $DIR/oauth/introspect_url
# Env: PARSL_SSHD_DIR (default /tmp/parsl-ts-sshd), PARSL_SSHD_PORT (default 2222).
# Runs as root without systemd; installs openssh-server if missing (assumes apt-get update ran).
set -euo pipefail
CMD=${1:-status}
D=${PARSL_SSHD_DIR:-/tmp/parsl-ts-sshd}
PORT=${PARSL_SSHD_PORT:-2222}
SERVICE=parsl-ts-sshd   # argv[0] basename = PAM service name, so our PAM stack lives in its own file

running() { [ -s "$D/sshd.pid" ] && kill -0 "$(cat "$D/sshd.pid")" 2>/dev/null; }

ensure_user() { # name password
  id "$1" >/dev/null 2>&1 || useradd -m -s /bin/bash "$1"
  echo "$1:$2" | chpasswd
}

start() {
  if running; then echo "sshd already running (pid $(cat "$D/sshd.pid")) on 127.0.0.1:$PORT, keys in $D"; return 0; fi
  [ -x /usr/sbin/sshd ] || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server openssh-client
  mkdir -p "$D/oauth" && chmod 755 "$D"
  [ -f "$D/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C parsl-ts-host -f "$D/host_ed25519"
  [ -f "$D/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C parsl-ts-client -f "$D/id_ed25519"
  [ -f "$D/other_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C parsl-ts-unauthorized -f "$D/other_ed25519"
  install -m 644 "$D/id_ed25519.pub" "$D/authorized_keys"
  echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$D/host_ed25519.pub")" > "$D/known_hosts"
  ensure_user parsltest parsl-test-pw
  ensure_user parsloauth "$(head -c 24 /dev/urandom | base64)"   # unusable: only tokens log in
  cat > "$D/oauth-check.sh" <<CHECK
#!/bin/bash
# pam_exec expose_authtok: the token arrives on stdin; valid when the introspection endpoint says active.
IFS= read -r -d '' tok || true
url=\$(cat "$D/oauth/introspect_url" 2>/dev/null) || exit 1
curl -fsS --max-time 5 --data-urlencode "token=\$tok" "\$url" | grep -q '"active": *true'
CHECK
  chmod 755 "$D/oauth-check.sh"
  cat > "/etc/pam.d/$SERVICE" <<PAM
auth    [success=1 default=ignore] pam_succeed_if.so quiet user = parsloauth
auth    [success=done default=die] pam_unix.so
auth    [success=done default=die] pam_exec.so quiet type=auth expose_authtok $D/oauth-check.sh
account required  pam_permit.so
session required  pam_permit.so
password required pam_deny.so
PAM
  mkdir -p /run/sshd && chmod 755 /run/sshd
  cat > "$D/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $D/host_ed25519
PidFile $D/sshd.pid
AuthorizedKeysFile $D/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
UsePAM yes
StrictModes no
MaxStartups 100:30:200
MaxSessions 50
Subsystem sftp internal-sftp
CONF
  ln -sf /usr/sbin/sshd "$D/$SERVICE"
  "$D/$SERVICE" -t -f "$D/sshd_config"
  "$D/$SERVICE" -f "$D/sshd_config" -E "$D/sshd.log"
  for _ in $(seq 1 50); do
    ssh -p "$PORT" -i "$D/id_ed25519" -o BatchMode=yes -o UserKnownHostsFile="$D/known_hosts" \
      -o LogLevel=ERROR root@127.0.0.1 true 2>/dev/null && break
    sleep 0.1
  done
  echo "sshd running (pid $(cat "$D/sshd.pid")) on 127.0.0.1:$PORT; key $D/id_ed25519, known_hosts $D/known_hosts, keys in $D"
}

stop() {
  if running; then pid=$(cat "$D/sshd.pid"); kill "$pid"; rm -f "$D/sshd.pid"; echo "stopped sshd $pid"; else echo "sshd not running"; fi
}

status() {
  if running; then echo "sshd running (pid $(cat "$D/sshd.pid")) on 127.0.0.1:$PORT, keys in $D"; else echo "sshd not running"; return 1; fi
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
