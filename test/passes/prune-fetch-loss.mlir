// RUN: pd-opt %s --pd-prune=fetch=l | FileCheck %s

// A loss named with fetch= is what the user asked for: it stays, with its
// label feed (a fetch op's loss gives way to its prediction: prune.mlir).
// CHECK-LABEL: func.func @forward
// CHECK-SAME: -> (tensor<?x1xf32> {pd.name = "l"})
// CHECK: pd.feed %arg1 {col = 1 : i32
// CHECK: %sm, %l = pd.softmax_with_cross_entropy %h, %label
// CHECK: pd.fetch %l {col = 0 : i32
func.func @forward(%arg0: tensor<?x4xf32> {pd.name = "x"}, %arg1: tensor<?x1xi64> {pd.name = "label"}) -> tensor<?x4xf32> {
  %label = pd.feed %arg1 {col = 1 : i32, pd.names = ["label"]} : (tensor<?x1xi64>) -> tensor<?x1xi64>
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %h = pd.relu %x {pd.names = ["h"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %sm, %l = pd.softmax_with_cross_entropy %h, %label {pd.names = ["sm", "l"]} : (tensor<?x4xf32>, tensor<?x1xi64>) -> (tensor<?x4xf32>, tensor<?x1xf32>)
  %f = pd.fetch %h {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %f : tensor<?x4xf32>
}
