import fs from "node:fs";

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Removes a folder tree, synchronously (signal handlers use it), even while a writer that was just stopped still
 * adds to it (a killed browser, a write in flight): each attempt lists the folder afresh, for up to a second.
 */
export function removeTree(dir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      return;
    } catch (error) {
      if (attempt === 20) throw error;
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}
