/**
 * S3-compatible object store (AWS S3, MinIO, Ceph RGW, Aliyun OSS, …) through the AWS SDK v3.
 * Objects are named `<prefix><first two hex digits>/<64 hex digits>`, like the local-disk store's
 * folders; keys are checked against that exact form before any request, so a key can never name
 * another object. The store only ever receives ciphertext: lib/storage/index.ts wraps it in
 * EncryptedStorage.
 *
 * Environment (EVIDENCE_STORAGE=s3):
 *   S3_ENDPOINT            e.g. https://oss-cn-guangzhou.aliyuncs.com or http://127.0.0.1:9000 (unset: AWS)
 *   S3_BUCKET              the bucket (must exist)
 *   S3_REGION              e.g. cn-guangzhou (default us-east-1)
 *   S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY
 *   S3_FORCE_PATH_STYLE    "true" for MinIO and most on-premises stores
 *   S3_PREFIX              optional folder inside the bucket, e.g. "evidence/"
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { FileStorage } from "./types";

const KEY = /^[a-f0-9]{64}$/;

export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  prefix: string;
};

/** Reads the S3_* variables; throws an Error naming the variable that is missing or malformed. */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new Error("EVIDENCE_STORAGE=s3 needs S3_BUCKET (the bucket's name)");
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\/\S+$/.test(endpoint)) {
    throw new Error(`S3_ENDPOINT must be an http(s) URL (got "${endpoint}")`);
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together, or neither");
  }
  const prefix = env.S3_PREFIX?.trim() ?? "";
  if (prefix && !/^[A-Za-z0-9._/-]+\/$/.test(prefix)) {
    throw new Error('S3_PREFIX must be a folder name ending in "/" (letters, digits, . _ - /)');
  }
  return {
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || "us-east-1",
    accessKeyId,
    secretAccessKey,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
    prefix,
  };
}

export class S3Storage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // A store that does not answer must not hold an upload for minutes.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      maxAttempts: 2,
      // The SDK's default since early 2025 adds a CRC32 to every upload and checks one on every download.
      // The bodies are authenticated ciphertext already (lib/storage/encrypted.ts: a changed byte fails the
      // read), and S3-compatible stores older than these checksums may refuse them; so only where an
      // operation requires one (the setting AWS gives for third-party stores).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private objectName(key: string): string | null {
    return KEY.test(key) ? `${this.settings.prefix}${key.slice(0, 2)}/${key}` : null;
  }

  async put(data: Uint8Array): Promise<string> {
    const key = randomBytes(32).toString("hex");
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectName(key)!,
        Body: data,
        ContentType: "application/octet-stream",
      }),
    );
    return key;
  }

  /**
   * The parts are streamed into the request as they are produced (ContentLength given up front), so an
   * encrypted body is never joined into one buffer; a stream body is sent with an unsigned payload hash
   * (the request itself stays signed; the body is authenticated ciphertext). The SDK cannot resend a
   * stream, so a failed attempt is repeated here once with the parts made anew, as `maxAttempts: 2` does
   * for a whole body — unless the store refused the request (4xx).
   */
  async putParts(parts: () => Iterable<Uint8Array>, length: number): Promise<string> {
    const key = randomBytes(32).toString("hex");
    const send = () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectName(key)!,
          Body: Readable.from(parts(), { objectMode: false }),
          ContentLength: length,
          ContentType: "application/octet-stream",
        }),
      );
    try {
      await send();
    } catch (error) {
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (status !== undefined && status >= 400 && status < 500) throw error;
      await send();
    }
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    const stored = await this.getPieces(key);
    if (!stored) return null;
    const parts: Uint8Array[] = [];
    for await (const piece of stored.pieces) parts.push(piece);
    return Buffer.concat(parts);
  }

  /** The object's body as the response stream delivers it, with its length. */
  async getPieces(
    key: string,
  ): Promise<{ length: number; pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> } | null> {
    const name = this.objectName(key);
    if (!name) return null;
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: name }),
      );
      if (!answer.Body) return null;
      const body = answer.Body as AsyncIterable<Uint8Array>;
      if (answer.ContentLength === undefined) {
        const whole = await answer.Body.transformToByteArray();
        return { length: whole.byteLength, pieces: [whole] };
      }
      return { length: answer.ContentLength, pieces: body };
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const name = this.objectName(key);
    if (name) await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: name }));
  }
}
