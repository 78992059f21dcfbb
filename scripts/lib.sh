# Shared helpers for Lede's scripts. Source it; it does nothing by itself.

# Tools installed by cargo and npm come first on PATH.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH:/usr/sbin:/sbin"

step_start=$SECONDS
step() {
  step_start=$SECONDS
  printf '\n==> %s\n' "$*"
}
ok() { printf '    %s\n' "$*"; }
done_step() { printf '    (%ss)\n' "$((SECONDS - step_start))"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Runs nginx with deploy/nginx.conf serving DIST on PORT, in a private run folder.
# nginx_start DIST PORT [foreground]
nginx_start() {
  local dist port run
  dist=$(cd "$1" && pwd)
  port=$2
  run="$PWD/.lede/nginx-$port"
  mkdir -p "$run/tmp"
  sed -e "s#root /srv/lede/dist;#root $dist;#" -e "s#listen 127.0.0.1:8080;#listen 127.0.0.1:$port;#" \
    -e "s#include /srv/lede/deploy/#include $PWD/deploy/#" \
    deploy/nginx.conf > "$run/server.conf"
  cat > "$run/nginx.conf" <<CONF
# deploy/nginx.conf serves the build's .br copies (brotli_static): Debian's
# libnginx-mod-http-brotli-static, which scripts/setup.sh installs.
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 1;
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $run/access.log;
  client_body_temp_path $run/tmp/body;
  proxy_temp_path $run/tmp/proxy;
  fastcgi_temp_path $run/tmp/fastcgi;
  uwsgi_temp_path $run/tmp/uwsgi;
  scgi_temp_path $run/tmp/scgi;
  include $run/server.conf;
}
CONF
  nginx_stop "$port"
  if [ "${3:-}" = foreground ]; then
    exec nginx -c "$run/nginx.conf" -g 'daemon off;'
  else
    nginx -c "$run/nginx.conf"
  fi
}

nginx_stop() {
  local pidfile="$PWD/.lede/nginx-$1/nginx.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"
    sleep 0.3
  fi
}
