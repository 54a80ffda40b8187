/**
 * The least an S3-protocol server can do, for bench/file-storage.ts: PUT streams the request body into a
 * file, GET streams the file back with its Content-Length, DELETE removes it; no signature check, no MD5,
 * no metadata. It brackets what the S3 protocol itself costs (an HTTP request per put or get through the
 * AWS SDK) apart from a real server's own work (s3rver's MD5 and metadata files, MinIO's erasure coding).
 * Not a store: objects live in a temporary directory for one benchmark run.
 *
 *   node bench/support/streaming-s3-server.mjs [port]   (0: any free port; prints "PORT <n>")
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "aid-bench-streaming-s3-"));
const objectPath = (pathname) => path.join(directory, encodeURIComponent(pathname));

const server = http.createServer((request, response) => {
  const { pathname } = new URL(request.url ?? "/", "http://localhost");
  const isBucket = pathname.split("/").filter(Boolean).length < 2;
  if (request.method === "PUT" && isBucket) {
    request.resume();
    request.on("end", () => response.end());
    return;
  }
  if (request.method === "PUT") {
    const file = fs.createWriteStream(objectPath(pathname));
    request.pipe(file);
    file.on("finish", () => {
      response.writeHead(200, { ETag: '"bench"' });
      response.end();
    });
    file.on("error", () => {
      response.writeHead(500);
      response.end();
    });
    return;
  }
  if (request.method === "GET" || request.method === "HEAD") {
    fs.stat(objectPath(pathname), (error, stats) => {
      if (error) {
        response.writeHead(404, { "Content-Type": "application/xml" });
        response.end("<Error><Code>NoSuchKey</Code><Message>not found</Message></Error>");
        return;
      }
      response.writeHead(200, {
        "Content-Length": stats.size,
        "Content-Type": "application/octet-stream",
        ETag: '"bench"',
      });
      if (request.method === "HEAD") response.end();
      else fs.createReadStream(objectPath(pathname)).pipe(response);
    });
    return;
  }
  if (request.method === "DELETE") {
    fs.rm(objectPath(pathname), { force: true }, () => {
      response.writeHead(204);
      response.end();
    });
    return;
  }
  response.writeHead(405);
  response.end();
});

const cleanUp = () => fs.rmSync(directory, { recursive: true, force: true });
process.on("SIGTERM", () => {
  cleanUp();
  process.exit(0);
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`PORT ${server.address().port}`);
});
