// Entry point of the wasm module: every export is a kernel the JS side calls. Kernels that may run
// on several threads take `(lo, hi, scratch, ...)`: a range of work units, and this thread's
// scratch memory; the JS side owns all allocation.
export { gemm, gemmScratchBytes } from './gemm';
export { unaryF32 } from './unary';
export { binaryFlatF32, binaryRowsF32 } from './binary';
export { reduceF32, argReduceF32, softmaxF32 } from './reduce';
export { adamF32, sgdF32 } from './optim';
export { zeroBytes, fill32, fill64, copyRows, gatherRows, scatterAddF32 } from './copy';
export { im2col32, col2imF32 } from './patches';
export { biasActF32, biasActGradF32, softmaxGradF32 } from './dense';
