// RUN: pd-opt %s --pd-prune=fetch=h,y | FileCheck %s

// New fetch targets replace the old ones, and the results carry their names
// (the artifact signature and the exported fetch list read them).
// CHECK-LABEL: func.func @forward(%arg0: tensor<?x4xf32> {pd.name = "x"})
// CHECK-SAME: -> (tensor<?x4xf32> {pd.name = "h"}, tensor<?x4xf32> {pd.name = "y"})
// CHECK: %[[F0:.*]] = pd.fetch %h {col = 0 : i32
// CHECK: %[[F1:.*]] = pd.fetch %y {col = 1 : i32
// CHECK: return %[[F0]], %[[F1]]
func.func @forward(%x: tensor<?x4xf32> {pd.name = "x"}) -> (tensor<?x4xf32> {pd.name = "y"}) {
  %0 = pd.feed %x {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %h = pd.relu %0 {pd.names = ["h"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %y = pd.sigmoid %h {pd.names = ["y"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %f = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %f : tensor<?x4xf32>
}
