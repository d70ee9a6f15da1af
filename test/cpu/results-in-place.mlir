// RUN: pd-opt %s --pd-cpu-results-in-place --split-input-file | FileCheck %s
// RUN: pd-opt %s --pd-cpu-results-in-place --pd-cpu-lower-output-alloc --split-input-file | FileCheck %s --check-prefix=LLVM

// The buffer a method returns is the caller's output tensor when it fits:
// result #1 here, with its dynamic size; the scratch buffer stays in the
// arena.
// CHECK-LABEL: func.func @forward
// CHECK:       %[[S:.*]] = memref.alloc(%{{.*}}) : memref<?x16xf32>
// CHECK:       %[[R:.*]] = pdcpu.output_alloc(%[[N:.*]]) {index = 1 : i64} : memref<?x16xf32>
// CHECK:       linalg.copy ins(%[[S]] : memref<?x16xf32>) outs(%[[R]] : memref<?x16xf32>)
// CHECK:       memref.dealloc %[[S]]
// CHECK:       return %arg0, %[[R]]
// LLVM:       llvm.func @pd_output_alloc(i64, i64) -> !llvm.ptr
// LLVM-LABEL: func.func @forward
// LLVM:       llvm.mul
// LLVM:       %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// LLVM:       %[[P:.*]] = llvm.call @pd_output_alloc(%[[ONE]], %{{.*}}) : (i64, i64) -> !llvm.ptr
// LLVM:       llvm.insertvalue %[[P]], %{{.*}}[0]
// LLVM:       llvm.insertvalue %[[P]], %{{.*}}[1]
// LLVM:       builtin.unrealized_conversion_cast %{{.*}} : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<?x16xf32>
// LLVM-NOT:   pdcpu.output_alloc
func.func @forward(%x: memref<?x16xf32>) -> (memref<?x16xf32>, memref<?x16xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x16xf32>
  %scratch = memref.alloc(%n) : memref<?x16xf32>
  linalg.copy ins(%x : memref<?x16xf32>) outs(%scratch : memref<?x16xf32>)
  %result = memref.alloc(%n) : memref<?x16xf32>
  linalg.copy ins(%scratch : memref<?x16xf32>) outs(%result : memref<?x16xf32>)
  memref.dealloc %scratch : memref<?x16xf32>
  return %x, %result : memref<?x16xf32>, memref<?x16xf32>
}

// -----

// Returned through a view that keeps every element: still in place.
// CHECK-LABEL: func.func @flatten
// CHECK:       %[[R:.*]] = pdcpu.output_alloc() {index = 0 : i64} : memref<4x8xf32>
// CHECK:       %[[V:.*]] = memref.collapse_shape %[[R]]
// CHECK:       return %[[V]]
func.func @flatten(%x: memref<32xf32>) -> memref<32xf32> {
  %result = memref.alloc() : memref<4x8xf32>
  %flat = memref.collapse_shape %result [[0, 1]] : memref<4x8xf32> into memref<32xf32>
  linalg.copy ins(%x : memref<32xf32>) outs(%flat : memref<32xf32>)
  return %flat : memref<32xf32>
}

// -----

// What a load-time function returns, the model keeps: not the caller's.
// CHECK-LABEL: func.func @forward__load
// CHECK:       memref.alloc() : memref<8xf32>
// CHECK-NOT:   pdcpu.output_alloc
func.func @forward__load(%w: memref<8xf32>) -> memref<8xf32> {
  %packed = memref.alloc() : memref<8xf32>
  linalg.copy ins(%w : memref<8xf32>) outs(%packed : memref<8xf32>)
  return %packed : memref<8xf32>
}

// -----

// One buffer returned as two results, a part of a buffer, a buffer freed on
// the way and a buffer inside a loop are not a result's own buffer.
// CHECK-LABEL: func.func @twice
// CHECK-NOT:   pdcpu.output_alloc
// CHECK-LABEL: func.func @part
// CHECK-NOT:   pdcpu.output_alloc
// CHECK-LABEL: func.func @in_loop
// CHECK-NOT:   pdcpu.output_alloc
func.func @twice(%x: memref<8xf32>) -> (memref<8xf32>, memref<8xf32>) {
  %result = memref.alloc() : memref<8xf32>
  linalg.copy ins(%x : memref<8xf32>) outs(%result : memref<8xf32>)
  return %result, %result : memref<8xf32>, memref<8xf32>
}
func.func @part(%x: memref<4xf32>) -> memref<4xf32, strided<[1], offset: 4>> {
  %buffer = memref.alloc() : memref<8xf32>
  %half = memref.subview %buffer[4] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 4>>
  linalg.copy ins(%x : memref<4xf32>) outs(%half : memref<4xf32, strided<[1], offset: 4>>)
  return %half : memref<4xf32, strided<[1], offset: 4>>
}
func.func @in_loop(%x: memref<8xf32>, %n: index) -> memref<8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> memref<8xf32> {
    %next = memref.alloc() : memref<8xf32>
    linalg.copy ins(%acc : memref<8xf32>) outs(%next : memref<8xf32>)
    scf.yield %next : memref<8xf32>
  }
  return %r : memref<8xf32>
}
