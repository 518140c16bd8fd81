import { createHash } from 'node:crypto';

/**
 * The library id of the video a job makes, the same in every process: a process paused in the middle of filing (its
 * lease lost, another process finishing the job) may still complete its sidecar write when it wakes, and that
 * sidecar must name the item the job already points at. A name-based UUID (version 5 layout, SHA-256 of the job id).
 */
export function itemIdForJob(jobId: string): string {
  const bytes = createHash('sha256').update(`reelbench-library-item:${jobId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
