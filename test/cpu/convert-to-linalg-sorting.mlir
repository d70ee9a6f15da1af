// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// top_k_v2: per line (here each row), k passes; each scans the line for
// the best element after the one the last pass took (a smaller value, or
// an equal one at a later index), the first seen winning ties, and writes
// it and its index at position j.
// CHECK-LABEL: func.func @top_k
// CHECK:      %[[V:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xf32>
// CHECK:      %[[I:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xi64>
// CHECK:      %[[LINES:.*]]:2 = scf.for %[[LINE:.*]] = {{.*}} iter_args(%{{.*}} = %[[V]], %{{.*}} = %[[I]])
// CHECK:        %[[ROW:.*]] = arith.remui %[[LINE]]
// CHECK:        scf.for %[[J:.*]] = %{{.*}} to %c3 {{.*}} iter_args({{.*}}, %[[LASTV:.*]] = %cst, %[[LASTI:.*]] = %c-1)
// CHECK:          %[[SCAN:.*]]:3 = scf.for %[[K:.*]] = %{{.*}} to %c5 {{.*}} iter_args(%[[BESTV:.*]] = %[[LASTV]], %{{.*}} = %c-1, %[[FOUND:.*]] = %false)
// CHECK:            %[[X:.*]] = tensor.extract %arg0[%[[ROW]], %[[K]]]
// CHECK-DAG:        arith.cmpi sgt, %[[K]], %[[LASTI]]
// CHECK-DAG:        arith.cmpf oeq, %[[X]], %[[LASTV]]
// CHECK-DAG:        arith.cmpf ogt, %[[LASTV]], %[[X]]
// CHECK-DAG:        arith.cmpf ogt, %[[X]], %[[BESTV]]
// CHECK:          tensor.insert %[[SCAN]]#0 into %{{.*}}[%[[ROW]], %[[J]]]
// CHECK:          %[[AT:.*]] = arith.index_cast %[[SCAN]]#1 : index to i64
// CHECK:          tensor.insert %[[AT]] into %{{.*}}[%[[ROW]], %[[J]]]
// CHECK:      return %[[LINES]]#0, %[[LINES]]#1
func.func @top_k(%x: tensor<?x5xf32>) -> (tensor<?x3xf32>, tensor<?x3xi64>) {
  %v, %i = pd.top_k_v2 %x {k = 3 : i32, axis = -1 : i32, largest = true} : (tensor<?x5xf32>) -> (tensor<?x3xf32>, tensor<?x3xi64>)
  return %v, %i : tensor<?x3xf32>, tensor<?x3xi64>
}

// -----

// argsort, ascending along the first axis: n passes (the dim's size), each
// taking the next larger value; the order starts at -inf.
// CHECK-LABEL: func.func @argsort
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:        scf.for %{{.*}} = %{{.*}} to %[[N]] {{.*}} iter_args({{.*}}, %{{.*}} = %cst, %{{.*}} = %c-1)
// CHECK:          arith.cmpf olt
// CHECK:      return
func.func @argsort(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xi64>) {
  %v, %i = pd.argsort %x {axis = 0 : i32} : (tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xi64>)
  return %v, %i : tensor<?x4xf32>, tensor<?x4xi64>
}
