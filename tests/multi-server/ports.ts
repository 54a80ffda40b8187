/**
 * Where the multi-server test listens. MULTI_SERVER_BASE_PORT (default 3110): app server "a" on it,
 * "b" on +1, HAProxy on +2, the launcher's own server (holding the database, not behind HAProxy) on +3;
 * MULTI_SERVER_PG_PORT (default 54359): the embedded PostgreSQL.
 */
const base = Number(process.env.MULTI_SERVER_BASE_PORT ?? 3110);
export const ports = {
  a: base,
  b: base + 1,
  lb: base + 2,
  db: base + 3,
  pg: Number(process.env.MULTI_SERVER_PG_PORT ?? 54359),
};
export const lbUrl = `http://127.0.0.1:${ports.lb}`;
