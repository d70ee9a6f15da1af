// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// top_k_v2: per line (here each row), k passes; each scans the line for
// the best element after the one the last pass took (any in the first
// pass; else one the last goes before, or an equal one at a later index),
// the first seen winning ties, and writes it and its index at position j.
// Largest first, as Paddle orders: a NaN before every number. The values
// and indices the loop writes in place are two alloc_tensor (two
// tensor.empty of int64 values would fold into one under CSE).
// CHECK-LABEL: func.func @top_k
// CHECK:      %[[V:.*]] = bufferization.alloc_tensor(%{{.*}}) : tensor<?x3xf32>
// CHECK:      %[[I:.*]] = bufferization.alloc_tensor(%{{.*}}) : tensor<?x3xi64>
// CHECK:      %[[LINES:.*]]:2 = scf.for %[[LINE:.*]] = {{.*}} iter_args(%{{.*}} = %[[V]], %{{.*}} = %[[I]])
// CHECK:        %[[ROW:.*]] = arith.remui %[[LINE]]
// CHECK:        scf.for %[[J:.*]] = %{{.*}} to %c3 {{.*}} iter_args({{.*}}, %[[LASTV:.*]] = %cst, %[[LASTI:.*]] = %c-1)
// CHECK:          %[[FIRST:.*]] = arith.cmpi slt, %[[LASTI]], %c0
// CHECK:          %[[SCAN:.*]]:3 = scf.for %[[K:.*]] = %{{.*}} to %c5 {{.*}} iter_args(%[[BESTV:.*]] = %[[LASTV]], %{{.*}} = %c-1, %[[FOUND:.*]] = %false)
// CHECK:            %[[X:.*]] = tensor.extract %arg0[%[[ROW]], %[[K]]]
// CHECK:            %[[GT:.*]] = arith.cmpf ogt, %[[LASTV]], %[[X]]
// CHECK:            %[[NUM:.*]] = arith.cmpf ord, %[[X]], %[[X]]
// CHECK:            %[[NAN:.*]] = arith.cmpf uno, %[[LASTV]], %[[LASTV]]
// CHECK:            %[[NANFIRST:.*]] = arith.andi %[[NAN]], %[[NUM]]
// CHECK:            %[[LASTFIRST:.*]] = arith.ori %[[NANFIRST]], %[[GT]]
// CHECK:            arith.cmpi sgt, %[[K]], %[[LASTI]]
// CHECK:            %[[ANY:.*]] = arith.ori %[[FIRST]], %[[LASTFIRST]]
// CHECK:            arith.cmpf ogt, %[[X]], %[[BESTV]]
// CHECK:          tensor.insert %[[SCAN]]#0 into %{{.*}}[%[[ROW]], %[[J]]]
// CHECK:          %[[AT:.*]] = arith.index_cast %[[SCAN]]#1 : index to i64
// CHECK:          tensor.insert %[[AT]] into %{{.*}}[%[[ROW]], %[[J]]]
// CHECK:      return %[[LINES]]#0, %[[LINES]]#1
func.func @top_k(%x: tensor<?x5xf32>) -> (tensor<?x3xf32>, tensor<?x3xi64>) {
  %v, %i = pd.top_k_v2 %x {k = 3 : i32, axis = -1 : i32, largest = true} : (tensor<?x5xf32>) -> (tensor<?x3xf32>, tensor<?x3xi64>)
  return %v, %i : tensor<?x3xf32>, tensor<?x3xi64>
}

// -----

// top_k_v2 with K given by a tensor: k read at run time, clamped into
// [0, the axis's size], sizes the results and bounds the sorted elements
// written (a k not known to be small sorts the line; smallest first here).
// CHECK-LABEL: func.func @top_k_tensor
// CHECK:      %[[KV:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<1xi32>
// CHECK:      %[[KI:.*]] = arith.index_cast %[[KV]] : i32 to index
// CHECK:      %[[LOW:.*]] = arith.maxsi %[[KI]], %c0
// CHECK:      %[[K:.*]] = arith.minsi %[[LOW]], %c5
// CHECK:      bufferization.alloc_tensor(%[[K]]) : tensor<2x?xf32>
// CHECK:        scf.while
// CHECK:          arith.cmpf olt
// CHECK:        scf.for %{{.*}} = %{{.*}} to %[[K]]
func.func @top_k_tensor(%x: tensor<2x5xf32>, %k: tensor<1xi32>) -> (tensor<2x?xf32>, tensor<2x?xi64>) {
  %v, %i = pd.top_k_v2 %x, %k {axis = -1 : i32, largest = false} : (tensor<2x5xf32>, tensor<1xi32>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return %v, %i : tensor<2x?xf32>, tensor<2x?xi64>
}

// -----

// top_k_v2 with a constant k over 8: the line sorted, largest first (the
// right run's element first only when strictly larger), and its first k
// written.
// CHECK-LABEL: func.func @top_k_many
// CHECK:        scf.while
// CHECK:          arith.cmpf ogt
// CHECK:        scf.for %{{.*}} = %{{.*}} to %c10
// CHECK-NOT:    scf.for %{{.*}} = %{{.*}} to %c20
func.func @top_k_many(%x: tensor<3x20xf32>) -> (tensor<3x10xf32>, tensor<3x10xi64>) {
  %v, %i = pd.top_k_v2 %x {k = 10 : i32, axis = -1 : i32, largest = true} : (tensor<3x20xf32>) -> (tensor<3x10xf32>, tensor<3x10xi64>)
  return %v, %i : tensor<3x10xf32>, tensor<3x10xi64>
}

// -----

// argsort, ascending along the first axis: each line's positions sorted
// by a stable bottom-up merge sort (runs of width 1, 2, 4, ... merged into
// a scratch tensor; the right run's element goes first only when strictly
// smaller, so equal values keep their order), then the line written in
// that order with the positions as indices. The sort's two index tensors
// are allocated once, before the loop over lines (two alloc_tensor, which
// CSE does not fold into one as it would two tensor.empty), and carried
// through it, each line's positions written into the first in place, so
// that a run of many short lines allocates them once.
// CHECK-LABEL: func.func @argsort
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[POS:.*]] = bufferization.alloc_tensor(%{{.*}}) : tensor<?xindex>
// CHECK:      %[[SCRATCH:.*]] = bufferization.alloc_tensor(%{{.*}}) : tensor<?xindex>
// CHECK:      scf.for %{{.*}} = {{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %[[POSLINE:.*]] = %[[POS]], %[[SCRATCHLINE:.*]] = %[[SCRATCH]])
// CHECK:        %[[COL:.*]] = arith.remui
// CHECK-NOT:    tensor.empty
// CHECK-NOT:    tensor.generate
// CHECK:        %[[LEN:.*]] = tensor.dim %[[POSLINE]]
// CHECK:        %[[IOTA:.*]] = scf.for %[[I:.*]] = %{{.*}} to %[[LEN]] {{.*}} iter_args(%[[INTO:.*]] = %[[POSLINE]])
// CHECK:          tensor.insert %[[I]] into %[[INTO]][%[[I]]]
// CHECK:        %[[SORTED:.*]]:3 = scf.while (%[[WIDTH:.*]] = %{{.*}}, %{{.*}} = %[[IOTA]], %{{.*}} = %[[SCRATCHLINE]])
// CHECK:          arith.cmpi ult, %[[WIDTH]], %[[LEN]]
// CHECK:          %[[VI:.*]] = tensor.extract %arg0[%{{.*}}, %[[COL]]]
// CHECK:          %[[VJ:.*]] = tensor.extract %arg0[%{{.*}}, %[[COL]]]
// CHECK:          arith.cmpf olt, %[[VJ]], %[[VI]]
// CHECK:          tensor.insert_slice
// CHECK:        %[[WRITTEN:.*]]:2 = scf.for %[[J:.*]] = %{{.*}} to %[[N]]
// CHECK:          %[[P:.*]] = tensor.extract %[[SORTED]]#1[%[[J]]]
// CHECK:          %[[V:.*]] = tensor.extract %arg0[%[[P]], %[[COL]]]
// CHECK:          tensor.insert %[[V]] into %{{.*}}[%[[J]], %[[COL]]]
// CHECK:          %[[PI:.*]] = arith.index_cast %[[P]] : index to i64
// CHECK:          tensor.insert %[[PI]] into %{{.*}}[%[[J]], %[[COL]]]
// CHECK:        scf.yield %[[WRITTEN]]#0, %[[WRITTEN]]#1, %[[SORTED]]#1, %[[SORTED]]#2
func.func @argsort(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xi64>) {
  %v, %i = pd.argsort %x {axis = 0 : i32} : (tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xi64>)
  return %v, %i : tensor<?x4xf32>, tensor<?x4xi64>
}

// -----

// unique (sorted, flattened): the positions sorted by value with a stable
// bottom-up merge sort (passes of doubling width: each merges pairs of runs
// into the scratch tensor, the left run winning ties, then copies it back),
// then one scan over the sorted positions: a value greater than the one
// before starts a run, which takes the element's value and position (the
// first occurrence); counts and the inverse are written as it goes. The
// results are the first `count` entries.
// CHECK-LABEL: func.func @unique
// CHECK:       %[[FLAT:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1]]
// CHECK:       %[[SORTED:.*]]:3 = scf.while
// CHECK:         arith.cmpi ult
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             %[[RIGHT_FIRST:.*]] = arith.cmpf olt
// CHECK:             arith.xori %[[RIGHT_FIRST]]
// CHECK:             tensor.insert
// CHECK:         tensor.insert_slice
// CHECK:       %[[SCAN:.*]]:5 = scf.for
// CHECK:         tensor.extract %[[SORTED]]#1
// CHECK:         %[[GROWS:.*]] = arith.cmpf olt
// CHECK:         %[[FIRST:.*]] = arith.cmpi eq
// CHECK:         arith.ori %[[FIRST]], %[[GROWS]]
// CHECK:       tensor.extract_slice %[[SCAN]]#4[0] {{\[}}%[[SCAN]]#0] [1]
// CHECK:       tensor.extract_slice %[[SCAN]]#1[0] {{\[}}%[[SCAN]]#0] [1]
// CHECK:       tensor.cast %[[SCAN]]#3 : tensor<?xi32> to tensor<6xi32>
// CHECK:       tensor.extract_slice %[[SCAN]]#2[0] {{\[}}%[[SCAN]]#0] [1]
func.func @unique(%x: tensor<2x3xf32>) -> (tensor<?xf32>, tensor<?xi32>, tensor<6xi32>, tensor<?xi32>) {
  %o:4 = pd.unique %x {dtype = 2 : i32, is_sorted = true, resultSegmentSizes = array<i32: 1, 1, 1, 1>}
      : (tensor<2x3xf32>) -> (tensor<?xf32>, tensor<?xi32>, tensor<6xi32>, tensor<?xi32>)
  return %o#0, %o#1, %o#2, %o#3 : tensor<?xf32>, tensor<?xi32>, tensor<6xi32>, tensor<?xi32>
}

// -----

// Fluid's unique (is_sorted false): a second scan over X numbers each run
// when its first element comes, so the values follow their first
// occurrence.
// CHECK-LABEL: func.func @unique_unsorted
// CHECK:       %[[SCAN:.*]]:5 = scf.for
// CHECK:       %[[ORDERED:.*]]:6 = scf.for
// CHECK:         %[[NUMBER:.*]] = arith.index_cast
// CHECK:         tensor.extract %[[SCAN]]#1[%[[NUMBER]]]
// CHECK:         %[[FIRST:.*]] = arith.cmpi eq
// CHECK:         arith.select %[[FIRST]]
// CHECK:       tensor.extract_slice %[[ORDERED]]#2[0] {{\[}}%[[ORDERED]]#0] [1]
// CHECK:       tensor.cast %[[ORDERED]]#5 : tensor<?xi64> to tensor<5xi64>
func.func @unique_unsorted(%x: tensor<5xi64>) -> (tensor<?xi64>, tensor<5xi64>) {
  %o:2 = pd.unique %x {dtype = 3 : i32, resultSegmentSizes = array<i32: 1, 0, 1, 0>}
      : (tensor<5xi64>) -> (tensor<?xi64>, tensor<5xi64>)
  return %o#0, %o#1 : tensor<?xi64>, tensor<5xi64>
}

// -----

// unique along an axis (-1 of a 2x3x4 X): X viewed as Paddle's UniqueDim
// compares its slices, dims 0 and the axis swapped and the rest flattened
// (4 rows of 6); the rows sorted stably by a lexicographic compare (the
// first column where one is less decides); runs start where a row differs
// from the one before (a column not ordered-equal); the result gathers
// X's slices at the runs' first rows, with those rows, the inverse and
// the counts.
// CHECK-LABEL: func.func @unique_axis
// CHECK:       %[[T:.*]] = linalg.transpose ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<4x3x2xf32>) permutation = [2, 1, 0]
// CHECK:       %[[ROWS:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0], [1, 2]] : tensor<4x3x2xf32> into tensor<4x6xf32>
// CHECK:       %[[SORTED:.*]]:3 = scf.while
// CHECK:             scf.while
// CHECK:               scf.if
// CHECK:                 %[[A:.*]] = tensor.extract %[[ROWS]]
// CHECK:                 %[[B:.*]] = tensor.extract %[[ROWS]]
// CHECK:                 %[[LT:.*]] = arith.cmpf olt, %[[A]], %[[B]]
// CHECK:                 %[[GT:.*]] = arith.cmpf olt, %[[B]], %[[A]]
// CHECK:                 %[[DECIDED:.*]] = arith.ori %[[LT]], %[[GT]]
// CHECK:                 %[[TIE:.*]] = arith.xori %[[DECIDED]]
// CHECK:                 scf.yield %[[TIE]], %[[LT]]
// CHECK:       %[[RUNS:.*]]:4 = scf.for
// CHECK:         tensor.extract %[[SORTED]]#1
// CHECK:         scf.while
// CHECK:           arith.cmpf oeq
// CHECK:       %[[OUT:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x?xf32>)
// CHECK:         %[[FIRST:.*]] = tensor.extract %[[RUNS]]#1
// CHECK:         %[[AT:.*]] = arith.index_cast %[[FIRST]] : i64 to index
// CHECK:         tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[AT]]]
// CHECK:       tensor.extract_slice %[[RUNS]]#1[0] {{\[}}%[[RUNS]]#0] [1]
// CHECK:       tensor.cast %[[RUNS]]#3 : tensor<?xi64> to tensor<4xi64>
// CHECK:       tensor.extract_slice %[[RUNS]]#2[0] {{\[}}%[[RUNS]]#0] [1]
func.func @unique_axis(%x: tensor<2x3x4xf32>) -> (tensor<2x3x?xf32>, tensor<?xi64>, tensor<4xi64>, tensor<?xi64>) {
  %o:4 = pd.unique %x {axis = array<i32: -1>, dtype = 3 : i32, is_sorted = true, resultSegmentSizes = array<i32: 1, 1, 1, 1>}
      : (tensor<2x3x4xf32>) -> (tensor<2x3x?xf32>, tensor<?xi64>, tensor<4xi64>, tensor<?xi64>)
  return %o#0, %o#1, %o#2, %o#3 : tensor<2x3x?xf32>, tensor<?xi64>, tensor<4xi64>, tensor<?xi64>
}
