// RUN: pd-opt %s -split-input-file --pd-prune | FileCheck %s

// An inference program stays as it is.
// CHECK-LABEL: func.func @inference
// CHECK-NEXT: %x = pd.feed %arg0
// CHECK-NEXT: %y = pd.relu %x
// CHECK-NEXT: %fetch = pd.fetch %y
func.func @inference(%arg0: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?x4xf32> {
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %y = pd.relu %x {pd.names = ["y"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %f = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %f : tensor<?x4xf32>
}

// -----

// A loss fetched: the prediction is fetched instead; the loss, the unused
// label feed and a dropout's training mode go.
// CHECK-LABEL: func.func @loss(%arg0: tensor<?x4xf32> {pd.name = "x"}) -> (tensor<?x4xf32> {pd.name = "h"})
// CHECK-NEXT: %x = pd.feed %arg0 {col = 0 : i32
// CHECK-NEXT: %h = pd.dropout %x {is_test = true
// CHECK-NEXT: %fetch = pd.fetch %h {col = 0 : i32, pd.names = ["fetch"]}
// CHECK-NEXT: return %fetch
// CHECK-NOT: softmax_with_cross_entropy
func.func @loss(%arg0: tensor<?x4xf32> {pd.name = "x"}, %arg1: tensor<?x1xi64> {pd.name = "label"}) -> tensor<f32> {
  %label = pd.feed %arg1 {col = 1 : i32, pd.names = ["label"]} : (tensor<?x1xi64>) -> tensor<?x1xi64>
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %h = pd.dropout %x {is_test = false, pd.names = ["h"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %l, %sm = "pd.generic"(%label, %h) <{type = "softmax_with_cross_entropy", inputs = ["Label", "Logits"],
      input_sizes = array<i32: 1, 1>, outputs = ["Loss", "Softmax"], output_sizes = array<i32: 1, 1>, attrs = {}}>
      {pd.names = ["l", "sm"]} : (tensor<?x1xi64>, tensor<?x4xf32>) -> (tensor<?x1xf32>, tensor<?x4xf32>)
  %m = "pd.generic"(%l) <{type = "reduce_mean", inputs = ["X"], input_sizes = array<i32: 1>,
      outputs = ["Out"], output_sizes = array<i32: 1>, attrs = {}}> {pd.names = ["m"]} : (tensor<?x1xf32>) -> tensor<f32>
  %f = pd.fetch %m {col = 0 : i32, pd.names = ["fetch"]} : (tensor<f32>) -> tensor<f32>
  return %f : tensor<f32>
}

// -----

// The typed softmax_with_cross_entropy fetched: its Logits are fetched
// instead, and the loss and the label feed go.
// CHECK-LABEL: func.func @typed_loss(%arg0: tensor<?x4xf32> {pd.name = "x"}) -> (tensor<?x4xf32> {pd.name = "h"})
// CHECK-NEXT: %x = pd.feed %arg0 {col = 0 : i32
// CHECK-NEXT: %h = pd.relu %x
// CHECK-NEXT: %fetch = pd.fetch %h {col = 0 : i32, pd.names = ["fetch"]}
// CHECK-NEXT: return %fetch
func.func @typed_loss(%arg0: tensor<?x4xf32> {pd.name = "x"}, %arg1: tensor<?x1xi64> {pd.name = "label"}) -> tensor<?x1xf32> {
  %label = pd.feed %arg1 {col = 1 : i32, pd.names = ["label"]} : (tensor<?x1xi64>) -> tensor<?x1xi64>
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %h = pd.relu %x {pd.names = ["h"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %sm, %l = pd.softmax_with_cross_entropy %h, %label {pd.names = ["sm", "l"]} : (tensor<?x4xf32>, tensor<?x1xi64>) -> (tensor<?x4xf32>, tensor<?x1xf32>)
  %f = pd.fetch %l {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x1xf32>) -> tensor<?x1xf32>
  return %f : tensor<?x1xf32>
}
