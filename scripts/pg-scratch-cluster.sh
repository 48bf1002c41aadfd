# Sourced by the queue-server scripts that run the PostgreSQL store (bench, schemathesis): a throwaway
# cluster (Debian's postgresql 15, or PG_BIN; as nobody when run as root, PostgreSQL refuses root)
# in the directory $work, listening only on a Unix socket there. Defines $pg, pg_scratch_start and
# pg_scratch_stop; the caller's cleanup calls pg_scratch_stop.
pg="${PG_BIN:-/usr/lib/postgresql/15/bin}"
pg_as_owner=()
[ "$(id -u)" -eq 0 ] && pg_as_owner=(runuser -u nobody --)

pg_scratch_start() {
    chmod 755 "$work"
    [ "$(id -u)" -eq 0 ] && chown nobody "$work"
    "${pg_as_owner[@]}" "$pg/initdb" -D "$work/pgdata" -U queue --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${pg_as_owner[@]}" "$pg/pg_ctl" -D "$work/pgdata" -l "$work/pg.log" -w -o "-c listen_addresses='' -k $work" start >/dev/null
}

pg_scratch_stop() {
    [ -d "$work/pgdata" ] && "${pg_as_owner[@]}" "$pg/pg_ctl" -D "$work/pgdata" -m fast stop >/dev/null 2>&1
    return 0
}
