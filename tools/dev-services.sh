#!/usr/bin/env bash
# Starts the local services the tests may use (NATS with JetStream, PostgreSQL) when they are down.
# Idempotent; prints what it did. Used by .ci/run and handy on a developer machine.
set -u

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 50); do port_open "$1" && return 0; sleep 0.2; done
  return 1
}

if port_open 4222; then
  echo "dev-services: NATS is up on 4222"
elif [ -x /usr/sbin/nats-server ]; then
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_port 4222 && echo "dev-services: started NATS on 4222" || echo "dev-services: NATS did not come up" >&2
else
  echo "dev-services: nats-server is not installed; NATS tests will fail" >&2
fi

if port_open 5432; then
  echo "dev-services: PostgreSQL is up on 5432"
elif command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  wait_port 5432 && echo "dev-services: started PostgreSQL on 5432" || echo "dev-services: PostgreSQL did not come up" >&2
else
  echo "dev-services: PostgreSQL is not installed; store tests will fail" >&2
fi
