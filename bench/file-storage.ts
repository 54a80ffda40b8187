/**
 * Evidence files through the stores (issue 17 item 7): files put, then read back, through the
 * encrypted S3 store (EncryptedStorage over S3Storage, lib/storage/) against a real S3-protocol
 * server — s3rver in its own process on loopback, bench/support/streaming-s3-server.mjs (the protocol with
 * nothing behind it but a file per object, so that the protocol's own cost shows apart from s3rver's), and
 * the endpoint in S3_TEST_ENDPOINT when set
 * (S3_TEST_BUCKET, S3_TEST_REGION, S3_TEST_ACCESS_KEY_ID, S3_TEST_SECRET_ACCESS_KEY,
 * S3_TEST_FORCE_PATH_STYLE as in tests/integration/file-storage.test.ts) — compared with the plain
 * local-disk store (LocalDiskStorage, no encryption), the baseline, in the same run. The wrapped
 * data keys go to the real StoredFileKey table of a fresh benchmark database.
 * Also shown, to tell the costs apart: the encrypted local-disk store, the plain S3 store, and the
 * encrypted S3 store under CIPHER_SUITE=sm4-sm3 (the default is aes-gcm).
 *
 * Throughput = bytes put and read back / wall time, one file at a time (one upload's latency) and four
 * at a time (a server's throughput); medians
 * of `runs`; "app CPU" is this process's user + system time per file (the store's own CPU, s3rver's,
 * is not in it).
 *
 *   npm run bench:files [-- runs filesPerSize]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cipherSuite } from "@/lib/crypto/cipher-suite";
import { fieldKeys } from "@/lib/crypto/keys";
import { storedFileKeys } from "@/lib/db/stored-file-keys.repo";
import { encryptedStorage, type FileStorage } from "@/lib/storage";
import { EncryptedStorage } from "@/lib/storage/encrypted";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { S3Storage, type S3Settings } from "@/lib/storage/s3";
import { freshDatabase } from "./support/database";
import { fmtMs, machine, median, printTable } from "./support/stats";

const RUNS = Number(process.argv[2] ?? 5);
const FILES = Number(process.argv[3] ?? 20);
const SIZES = [
  { label: "200 KB", bytes: 200 * 1024, files: FILES * 5 },
  { label: "2 MB", bytes: 2 * 1024 * 1024, files: FILES },
];
/** One upload at a time (one user's latency), and several at once (a server's throughput). */
const PARALLEL = [1, 4];
console.log(`machine: ${machine()}; ${new Date().toISOString()}`);

/** An S3-protocol server in a child process (so its CPU is not this process's) that prints "PORT <n>". */
async function startServer(
  args: string[],
  credentials: string,
): Promise<{ settings: S3Settings; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const m = /PORT (\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`${args.at(-1)} exited (${code})`)));
  });
  return {
    child,
    settings: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: "aid-bench",
      region: "us-east-1",
      accessKeyId: credentials,
      secretAccessKey: credentials,
      forcePathStyle: true,
      prefix: "bench/",
    },
  };
}

/** s3rver (the npm registry's S3 server: MD5 and a metadata file per object) on a free loopback port. */
function startS3rver() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "aid-bench-s3rver-"));
  const script = `
    import S3rver from "s3rver";
    const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: ${JSON.stringify(directory)},
      configureBuckets: [{ name: "aid-bench", configs: [] }] });
    const { port } = await server.run();
    console.log("PORT " + port);`;
  return startServer(["--input-type=module", "-e", script], "S3RVER");
}

/** bench/support/streaming-s3-server.mjs: the S3 protocol with nothing behind it but a file per object. */
function startStreamingServer() {
  return startServer([path.resolve("bench/support/streaming-s3-server.mjs"), "0"], "BENCH");
}

function externalS3(): S3Settings | null {
  if (!process.env.S3_TEST_ENDPOINT) return null;
  return {
    endpoint: process.env.S3_TEST_ENDPOINT,
    bucket: process.env.S3_TEST_BUCKET ?? "aid-test",
    region: process.env.S3_TEST_REGION ?? "us-east-1",
    accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID,
    secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY,
    forcePathStyle: process.env.S3_TEST_FORCE_PATH_STYLE !== "false",
    prefix: "aid-bench/",
  };
}

type Run = { ms: number; putMs: number; getMs: number; cpuMs: number };

/** `count` tasks, at most `parallel` at a time. */
async function inParallel(count: number, parallel: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
}

/** Puts `files` copies of `body` (`parallel` at a time), reads each back (checked), deletes them. */
async function oneRun(store: FileStorage, body: Buffer, files: number, parallel: number): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const keys: string[] = [];
  await inParallel(files, parallel, async (i) => {
    keys[i] = await store.put(body);
  });
  const t1 = performance.now();
  await inParallel(files, parallel, async (i) => {
    const back = await store.get(keys[i]!);
    if (!back || back.length !== body.length) throw new Error(`read back ${back?.length} bytes`);
  });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  for (const key of keys) await store.delete(key);
  return { ms: t2 - t0, putMs: t1 - t0, getMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000 / files };
}

const database = await freshDatabase("bench_files");
const s3rver = await startS3rver();
const streaming = await startStreamingServer();
const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "aid-bench-local-"));
/** `plain`: the unencrypted store on the same backend, for the ratio that isolates the encryption layer. */
const stores: { name: string; store: FileStorage; plain?: string }[] = [
  { name: "local disk, plain (baseline)", store: new LocalDiskStorage(path.join(localRoot, "plain")) },
  {
    name: "local disk, encrypted",
    store: encryptedStorage(new LocalDiskStorage(path.join(localRoot, "enc"))),
    plain: "local disk, plain (baseline)",
  },
  { name: "s3rver (loopback), plain", store: new S3Storage(s3rver.settings) },
  {
    name: "s3rver (loopback), encrypted",
    store: encryptedStorage(new S3Storage(s3rver.settings)),
    plain: "s3rver (loopback), plain",
  },
  {
    name: "s3rver (loopback), encrypted, sm4-sm3",
    plain: "s3rver (loopback), plain",
    store: new EncryptedStorage(new S3Storage(s3rver.settings), storedFileKeys, fieldKeys, () =>
      cipherSuite("sm4-sm3"),
    ),
  },
  { name: "streaming stand-in (loopback), plain", store: new S3Storage(streaming.settings) },
  {
    name: "streaming stand-in (loopback), encrypted",
    store: encryptedStorage(new S3Storage(streaming.settings)),
    plain: "streaming stand-in (loopback), plain",
  },
];
const external = externalS3();
if (external) {
  stores.push({ name: "S3_TEST_ENDPOINT, plain", store: new S3Storage(external) });
  stores.push({
    name: "S3_TEST_ENDPOINT, encrypted",
    store: encryptedStorage(new S3Storage(external)),
    plain: "S3_TEST_ENDPOINT, plain",
  });
}

try {
  for (const size of SIZES)
    for (const parallel of PARALLEL) {
      const body = randomBytes(size.bytes);
      const results = new Map<string, Run[]>(stores.map((s) => [s.name, []]));
      // One warm-up round, then the stores take turns run by run, so that load on the shared machine
      // falls on all of them alike.
      for (const { store } of stores) await oneRun(store, body, Math.min(size.files, 5), parallel);
      for (let run = 0; run < RUNS; run++)
        for (const { name, store } of stores)
          results.get(name)!.push(await oneRun(store, body, size.files, parallel));
      const megabytes = (2 * size.bytes * size.files) / 2 ** 20; // put and read back
      const baseline = median(results.get(stores[0]!.name)!.map((r) => r.ms));
      printTable(
        `${size.files} files of ${size.label}, put then read back, ${parallel === 1 ? "one at a time" : `${parallel} at a time`}; medians of ${RUNS} runs`,
        [
          "store",
          "put + get",
          "MB/s",
          "vs baseline",
          "vs same store plain",
          "put / file",
          "get / file",
          "app CPU / file",
        ],
        stores.map(({ name, plain }) => {
          const runs = results.get(name)!;
          const ms = median(runs.map((r) => r.ms));
          const perFile = (pick: (r: Run) => number) =>
            fmtMs((median(runs.map(pick)) * parallel) / size.files);
          return [
            name,
            fmtMs(ms),
            (megabytes / (ms / 1000)).toFixed(0),
            `${(baseline / ms).toFixed(2)}×`,
            plain ? `${(median(results.get(plain)!.map((r) => r.ms)) / ms).toFixed(2)}×` : "",
            perFile((r) => r.putMs),
            perFile((r) => r.getMs),
            fmtMs(median(runs.map((r) => r.cpuMs))),
          ];
        }),
      );
    }
} finally {
  s3rver.child.kill();
  streaming.child.kill();
  fs.rmSync(localRoot, { recursive: true, force: true });
  await database.stop();
}
process.exit(0);
