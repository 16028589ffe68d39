import { Buffer } from 'node:buffer';
import { installWasmAnalyzer, type UnitWriterFactory } from '../engine';

/**
 * Copies texts into the WebAssembly analyzer's memory with Node's native string write, a memcpy for
 * V8's two-byte strings: a `charCodeAt` loop, all a browser has, took 1.3 times as long as the bare pass.
 */
export const writeUnitsWithBuffer: UnitWriterFactory = (memory) => {
  const buffer = Buffer.from(memory);
  return (text, at) => {
    buffer.write(text, at, 'utf16le');
  };
};

/** The engine's analyses as the CLI runs them, and the benchmark with it: in WebAssembly (Node always has it), texts copied in natively. */
export function installNodeAnalyzer(): void {
  installWasmAnalyzer(writeUnitsWithBuffer);
}
