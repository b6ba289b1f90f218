import { type FileHandle, open } from 'node:fs/promises';
import zlib from 'node:zlib';

export type FileCompression = 'none' | 'gzip' | 'zstd';

type Compressor = zlib.Gzip;
type ZstdZlib = { createZstdCompress?: () => Compressor };

/** Why zstd cannot be used here, or undefined when it can (Node 22.15+ / 23.8+ has it). */
export function zstdProblem(): string | undefined {
  return (zlib as unknown as ZstdZlib).createZstdCompress === undefined
    ? `zstd needs Node 22.15 or 23.8 and later; this is Node ${process.versions.node}: choose gzip, or a newer Node`
    : undefined;
}

/**
 * An open file of the file sink, compressed as a stream or not (Vector's `OutFile`). Each write is
 * flushed through the compressor before it resolves, so what is acknowledged is in the file;
 * reopening a closed file appends a new gzip member or zstd frame, which readers take as one.
 */
export class OutFile {
  readonly #handle: FileHandle;
  readonly #compressor: Compressor | undefined;
  /** Compressed bytes not yet written to the file. */
  #pending: Buffer[] = [];

  private constructor(handle: FileHandle, compressor: Compressor | undefined) {
    this.#handle = handle;
    this.#compressor = compressor;
    compressor?.on('data', (chunk: Buffer) => this.#pending.push(chunk));
  }

  static async open(path: string, compression: FileCompression): Promise<OutFile> {
    const handle = await open(path, 'a');
    const compressor =
      compression === 'gzip'
        ? zlib.createGzip()
        : compression === 'zstd'
          ? (zlib as unknown as Required<ZstdZlib>).createZstdCompress()
          : undefined;
    return new OutFile(handle, compressor);
  }

  /** Writes `chunk` (compressed and flushed when compressing); resolves to the bytes written. */
  async write(chunk: Buffer): Promise<number> {
    if (this.#compressor === undefined) {
      await this.#handle.write(chunk);
      return chunk.length;
    }
    const compressor = this.#compressor;
    compressor.write(chunk);
    await new Promise<void>((resolve) => compressor.flush(() => resolve()));
    return this.#drain();
  }

  async #drain(): Promise<number> {
    const bytes = Buffer.concat(this.#pending);
    this.#pending = [];
    if (bytes.length > 0) await this.#handle.write(bytes);
    return bytes.length;
  }

  /** Finishes the compressed stream, syncs and closes; every failure is returned, none thrown. */
  async close(): Promise<unknown[]> {
    const errors: unknown[] = [];
    const compressor = this.#compressor;
    try {
      if (compressor !== undefined) {
        await new Promise<void>((resolve, reject) => {
          compressor.once('error', reject);
          compressor.once('end', resolve);
          compressor.end();
        });
        await this.#drain();
      }
      await this.#handle.sync();
    } catch (error) {
      errors.push(error);
    }
    await this.#handle.close().catch((error: unknown) => errors.push(error));
    return errors;
  }
}
