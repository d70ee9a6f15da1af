// Two parameters over 1 MiB each, so that re-exporting their mapped file
// takes the kernel copy path (copy_file_range) of the parameter writer.
module {
  pd.parameter @a : tensor<512x1024xf32> = dense<1.5> : tensor<512x1024xf32>
  pd.parameter @b : tensor<300x1000xf64> = dense<-2.25> : tensor<300x1000xf64>
  pd.parameter @c : tensor<3xf32> = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  func.func @forward(%feed: tensor<?x512xf32> {pd.name = "x"}) -> tensor<?x1024xf32> {
    %a = pd.get_parameter @a : tensor<512x1024xf32>
    %b = pd.get_parameter @b : tensor<300x1000xf64>
    %c = pd.get_parameter @c : tensor<3xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]} : (tensor<?x512xf32>) -> tensor<?x512xf32>
    %y = pd.matmul_v2 %x, %a {pd.names = ["y"]} : (tensor<?x512xf32>, tensor<512x1024xf32>) -> tensor<?x1024xf32>
    "pd.generic"(%b, %c) <{type = "keep", inputs = ["B", "C"], input_sizes = array<i32: 1, 1>,
        outputs = [], output_sizes = array<i32>, attrs = {}}> : (tensor<300x1000xf64>, tensor<3xf32>) -> ()
    %out = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x1024xf32>) -> tensor<?x1024xf32>
    return %out : tensor<?x1024xf32>
  }
}
