// RUN: pd-opt %s --pd-cpu-approximate-math | FileCheck %s

// tanh, exp and erf (GELU's) become polynomials in arith: no libm call is
// left for the loops around them to stop at.
// CHECK-LABEL: func.func @f
// CHECK-NOT:   math.tanh
// CHECK-NOT:   math.exp
// CHECK-NOT:   math.erf
// CHECK-DAG:   math.fma
// CHECK-DAG:   arith.select
// CHECK:       return
func.func @f(%x: vector<16xf32>, %y: f32) -> (vector<16xf32>, f32, f32) {
  %t = math.tanh %x : vector<16xf32>
  %e = math.exp %y : f32
  %r = math.erf %y : f32
  return %t, %e, %r : vector<16xf32>, f32, f32
}

// sqrt and fma stay: LLVM has instructions for them.
// CHECK-LABEL: func.func @kept
// CHECK: math.sqrt
// CHECK: math.fma
func.func @kept(%x: f32) -> f32 {
  %s = math.sqrt %x : f32
  %f = math.fma %s, %x, %x : f32
  return %f : f32
}
