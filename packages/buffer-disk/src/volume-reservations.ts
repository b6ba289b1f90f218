import { statfs } from 'node:fs/promises';
import { ErrorCode, SluiceError } from '@sluice/component-api';

/** Volume id → directory → bytes reserved by the disk buffers opened in this process. */
const reservations = new Map<string, Map<string, number>>();

/**
 * Reserves `maxSize` bytes for the buffer in `directory` on its volume, or refuses when the
 * `max_size` of every disk buffer open there would exceed the volume's capacity. Returns the
 * release.
 */
export async function reserveOnVolume(directory: string, maxSize: number): Promise<() => void> {
  const volume = await statfs(directory);
  const volumeId = `${volume.type}:${volume.blocks}:${volume.bsize}`;
  const capacity = volume.blocks * volume.bsize;
  const onVolume = reservations.get(volumeId) ?? new Map<string, number>();
  const reserved = [...onVolume.entries()]
    .filter(([other]) => other !== directory)
    .reduce((sum, [, bytes]) => sum + bytes, 0);
  if (reserved + maxSize > capacity) {
    throw new SluiceError(
      ErrorCode.bufferCapacity,
      `disk buffers on this volume could grow to ${reserved + maxSize} bytes (max_size of each), more than the volume's ${capacity} bytes`,
    );
  }
  onVolume.set(directory, maxSize);
  reservations.set(volumeId, onVolume);
  return () => {
    reservations.get(volumeId)?.delete(directory);
  };
}
