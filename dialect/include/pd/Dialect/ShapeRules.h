//===- ShapeRules.h - shape inference rules of Paddle ops -------*- C++ -*-===//
//
// The rules the typed ops' `shapeRule`s call (PaddleOps.td), written after
// Paddle's InferShape functions. A dim nothing determines is dynamic; a
// contradiction (a matmul whose inner dims differ) is an error at the op.
// Each rule fills one type per result; results it does not determine keep
// their current type.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_SHAPERULES_H
#define PD_DIALECT_SHAPERULES_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <array>

namespace pd::shape {

using Types = llvm::SmallVectorImpl<mlir::Type>;

/// The first result has the type of operand `operand`.
mlir::LogicalResult sameAsOperand(mlir::Operation *op, unsigned operand,
                                  Types &results);
/// Where elementwise_*'s shorter operand (rank `small`) aligns with the
/// longer one (rank `big`): at the end for axis -1, else at `axis`
/// (negative counts from the end); nullopt when it does not fit.
std::optional<int64_t> elementwiseOffset(int64_t axis, int64_t big,
                                         int64_t small);
/// elementwise_*: Paddle's broadcast (numpy's, or Y aligned at `axis`).
mlir::LogicalResult elementwise(mlir::Operation *op, Types &results);
mlir::LogicalResult sum(mlir::Operation *op, Types &results);
/// Comparisons: the broadcast shape of elementwise, as bool.
mlir::LogicalResult compare(mlir::Operation *op, Types &results);
/// logical_*: X's shape, as bool.
mlir::LogicalResult logical(mlir::Operation *op, Types &results);
/// reduce_*: X without (or with size-1) `dim`s; all of them when `dim` is
/// empty or `reduce_all` is set. Ops that name them otherwise (logsumexp:
/// `axis`, `keepdim`) pass the names.
mlir::LogicalResult reduce(mlir::Operation *op, Types &results,
                           llvm::StringRef dimName = "dim",
                           llvm::StringRef keepName = "keep_dim");
/// reduce_all / reduce_any: reduce's shape, as bool.
mlir::LogicalResult reduceLogic(mlir::Operation *op, Types &results);
/// size: an int64 scalar (rank 0, or the [1] older Paddles declared).
mlir::LogicalResult size(mlir::Operation *op, Types &results);
/// dot: X's dims without the last (X and Y of one shape, rank 1 or 2).
mlir::LogicalResult dot(mlir::Operation *op, Types &results);
/// mul: X flattened at x_num_col_dims times Y flattened at y_num_col_dims.
mlir::LogicalResult mul(mlir::Operation *op, Types &results);
/// matmul / matmul_v2 with the named transpose attributes.
mlir::LogicalResult matmul(mlir::Operation *op, llvm::StringRef transX,
                           llvm::StringRef transY, Types &results);
/// softmax_with_cross_entropy: Softmax as Logits, Loss with size 1 at
/// `axis`; Label of Logits' rank, with 1 (hard) or Logits' size (soft)
/// at `axis`.
mlir::LogicalResult softmaxWithCrossEntropy(mlir::Operation *op, Types &results);
/// roi_align: [R, C, pooled_height, pooled_width].
mlir::LogicalResult roiAlign(mlir::Operation *op, Types &results);
/// einsum: Out from the equation's labels (InnerCache and XShape, for
/// training, keep their declared types).
mlir::LogicalResult einsum(mlir::Operation *op, Types &results);
/// conv2d / depthwise_conv2d / conv3d over `spatialRank` spatial dims
/// (channels first or last; explicit, SAME or VALID padding).
mlir::LogicalResult convolution(mlir::Operation *op, Types &results,
                                int64_t spatialRank);
/// deformable_conv(_v1): conv2d's output, the filter third.
mlir::LogicalResult deformableConv(mlir::Operation *op, Types &results);
mlir::LogicalResult conv2dTranspose(mlir::Operation *op, Types &results);
/// conv2d_transpose's paddings as [top, bottom, left, right] (Paddle also
/// writes [height, width]; VALID is none); empty if malformed.
std::optional<llvm::SmallVector<int64_t>>
transposeConvPaddings(mlir::Operation *op);
/// pool2d / pool3d over `spatialRank` spatial dims.
mlir::LogicalResult pooling(mlir::Operation *op, Types &results,
                            int64_t spatialRank);
/// max_pool2d/3d_with_index: pooling's Out, and a Mask of its shape in
/// int32.
mlir::LogicalResult maxPoolWithIndex(mlir::Operation *op, Types &results,
                                     int64_t spatialRank);
/// scatter and scatter_nd_add: X's type; Ids/Index and Updates checked.
mlir::LogicalResult scatter(mlir::Operation *op, Types &results);
mlir::LogicalResult scatterNdAdd(mlir::Operation *op, Types &results);
/// set_value: Input's type; axes and their bounds checked.
mlir::LogicalResult setValue(mlir::Operation *op, Types &results);
/// The v1 and v2 interpolation ops, resizing the spatial dims of tensors of
/// the given ranks.
mlir::LogicalResult interpolate(mlir::Operation *op, Types &results,
                                llvm::ArrayRef<int64_t> ranks);
/// The scales an interpolation op resizes its `spatial` dims by, as Paddle's
/// kernels read `scale`: a v1 op's one float for every dim, a v2 op's list
/// (one value for one spatial dim, more than one for two or three); empty
/// when none applies or one is not positive; failure (an error emitted) when
/// the list is shorter than the dims.
mlir::FailureOr<llvm::SmallVector<double>>
interpolationScales(mlir::Operation *op, int64_t spatial);
mlir::LogicalResult gridSample(mlir::Operation *op, Types &results);
/// affine_grid: [N, H, W, 2] for Theta [N, 2, 3], [N, D, H, W, 3] for
/// Theta [N, 3, 4]; the spatial dims from `output_shape` (dynamic when a
/// tensor gives them).
mlir::LogicalResult affineGrid(mlir::Operation *op, Types &results);
mlir::LogicalResult reshape(mlir::Operation *op, Types &results);
mlir::LogicalResult transpose(mlir::Operation *op, Types &results);
mlir::LogicalResult flatten(mlir::Operation *op, Types &results);
mlir::LogicalResult squeeze(mlir::Operation *op, Types &results);
mlir::LogicalResult unsqueeze(mlir::Operation *op, Types &results);
mlir::LogicalResult concat(mlir::Operation *op, Types &results);
mlir::LogicalResult slice(mlir::Operation *op, Types &results);
mlir::LogicalResult split(mlir::Operation *op, Types &results);
mlir::LogicalResult stack(mlir::Operation *op, Types &results);
/// arg_max / arg_min: X without `axis` (size 1 with keepdims; one element,
/// or [1] with keepdims, with flatten), as int64 or (dtype 2) int32.
mlir::LogicalResult argMinMax(mlir::Operation *op, Types &results);
/// cumsum: X's shape, or [numel] with flatten.
mlir::LogicalResult cumsum(mlir::Operation *op, Types &results);
/// where: numpy's broadcast of Condition, X and Y, as X's element type.
mlir::LogicalResult where(mlir::Operation *op, Types &results);
/// gather: X with dim `axis` the length of the 1-D Index.
mlir::LogicalResult gather(mlir::Operation *op, Types &results);
/// index_select: gather along `dim`.
mlir::LogicalResult indexSelect(mlir::Operation *op, Types &results);
/// pad: X with dim i grown by paddings[2i] + paddings[2i + 1].
mlir::LogicalResult pad(mlir::Operation *op, Types &results);
/// pad3d: a 5-D X with its W, H and D grown by `paddings`.
mlir::LogicalResult pad3d(mlir::Operation *op, Types &results);
/// affine_channel: X's shape; Scale and Bias [C] of X's channel dim.
mlir::LogicalResult affineChannel(mlir::Operation *op, Types &results);
/// data_norm: Y as X (2-D [N, C]), Means and Scales [C]; every other
/// operand (the statistics, scale_w, bias) one value per column.
mlir::LogicalResult dataNorm(mlir::Operation *op, mlir::Value x, Types &results);
/// norm: Out X's shape, Norm (if any, and not is_test: Paddle leaves it
/// unset then) X's with `axis` of size 1.
mlir::LogicalResult l2Normalize(mlir::Operation *op, Types &results);
/// partial_sum, partial_concat: inputs [N, D] alike; the window of columns
/// [start, start + length) (a negative start counts from the end, length -1
/// runs to the end) must lie inside D. Out [N, length], or [N, inputs *
/// length] for partial_concat.
mlir::LogicalResult partial(mlir::Operation *op, Types &results,
                            bool concatenated);
/// p_norm: X without `axis` (size 1 with keepdim; every dim with asvector).
mlir::LogicalResult pNorm(mlir::Operation *op, Types &results);
/// where_index: [K, rank of Condition] int64, K known only at run time.
mlir::LogicalResult whereIndex(mlir::Operation *op, Types &results);
/// masked_select: [K] of X's elements where Mask (of X's shape) holds.
mlir::LogicalResult maskedSelect(mlir::Operation *op, Types &results);
/// unique: Out of a data-dependent size ([U], or X with U slices along
/// `axis`); of Indices, Index and Counts, those `present` ([U]; Index has
/// one entry per element or slice) in `dtype` (int32 or int64).
mlir::LogicalResult unique(mlir::Operation *op, Types &results,
                           std::array<bool, 3> present);
/// top_k_v2 and argsort: X with `axis` k long (all of it for argsort), and
/// int64 indices of that shape.
mlir::LogicalResult topK(mlir::Operation *op, Types &results);
/// assign_value: `shape` of `dtype`.
mlir::LogicalResult assignValue(mlir::Operation *op, Types &results);
/// expand_v2: `shape`, -1 keeping X's dim (X aligned at the end).
mlir::LogicalResult expand(mlir::Operation *op, Types &results);
/// tile: X's dims (padded to the repeats' count with 1s in front) times
/// `repeat_times` (padded with 1s in front).
mlir::LogicalResult tile(mlir::Operation *op, Types &results,
                         llvm::StringRef countsName = "repeat_times");
mlir::LogicalResult pixelShuffle(mlir::Operation *op, Types &results);
/// flatten2: [product of dims before axis, product of dims from axis].
mlir::LogicalResult flatten2(mlir::Operation *op, Types &results);
/// meshgrid: each output [len(X[0]), len(X[1]), ...].
mlir::LogicalResult meshgrid(mlir::Operation *op, Types &results);
mlir::LogicalResult fillBatchSizeLike(mlir::Operation *op, Types &results);
/// yolo_box: Boxes [N, A*H*W, 4] and Scores [N, A*H*W, class_num].
mlir::LogicalResult yoloBox(mlir::Operation *op, Types &results);
/// prior_box's aspect ratios: 1, then each given one not yet there (and its
/// inverse with `flip`), as Paddle's ExpandAspectRatios.
llvm::SmallVector<float> priorAspectRatios(llvm::ArrayRef<float> given, bool flip);
/// prior_box: Boxes and Variances [H, W, P, 4].
mlir::LogicalResult priorBox(mlir::Operation *op, Types &results);
/// box_coder: TargetBox's shape (decode), or [N, M, 4] of N boxes and M
/// priors (encode).
mlir::LogicalResult boxCoder(mlir::Operation *op, Types &results);
/// multiclass_nms3: Out [?, 6], Index [?, 1] and NmsRoisNum [N] (int32).
mlir::LogicalResult multiclassNms(mlir::Operation *op, Types &results);
/// The gates of an rnn cell of `mode` (LSTM 4, GRU 3, RNN_TANH/RNN_RELU 1);
/// none for other modes.
std::optional<int64_t> rnnGates(llvm::StringRef mode);
/// rnn: Out [T, N, directions*H]; `states` (first result index, count) are
/// the last h (and c), [layers*directions, N, H]. Checks every weight.
mlir::LogicalResult rnn(mlir::Operation *op, mlir::Value input,
                        mlir::ValueRange preState, mlir::ValueRange weights,
                        std::pair<unsigned, unsigned> states, Types &results);
mlir::LogicalResult shapeOf(mlir::Operation *op, unsigned bits, Types &results);
/// index_sample: [N, M] at [N, K] gives [N, K].
mlir::LogicalResult indexSample(mlir::Operation *op, Types &results);
/// take_along_axis: Index's shape, Input's element type.
mlir::LogicalResult takeAlongAxis(mlir::Operation *op, Types &results);
/// gather_nd: Index's dims but the last (K), then X's dims after the K
/// leading ones.
mlir::LogicalResult gatherNd(mlir::Operation *op, Types &results);
/// unbind / unstack: X's dim `axis` (static) results of X without it.
mlir::LogicalResult unstack(mlir::Operation *op, Types &results);
/// expand_as_v2: Y's shape, else `target_shape` (-1: X's dim).
mlir::LogicalResult expandAs(mlir::Operation *op, Types &results);
/// eye: [num_rows, num_columns (-1: num_rows)] of `dtype`.
mlir::LogicalResult eye(mlir::Operation *op, Types &results);
/// one_hot_v2: X's dims then `depth` (dynamic when a tensor gives it), of
/// `dtype`.
mlir::LogicalResult oneHot(mlir::Operation *op, Types &results);
/// One value of X's type: rank 0, or the [1] older Paddles declared.
mlir::LogicalResult scalarOfX(mlir::Operation *op, Types &results);
/// linspace: 1-D of `dtype`, its length the declared one.
mlir::LogicalResult linspace(mlir::Operation *op, Types &results);
/// repeat_interleave: X with dim `dim` times Repeats (dynamic for a tensor
/// of repeats).
mlir::LogicalResult repeatInterleave(mlir::Operation *op, Types &results);
/// unfold: [N, C * kh * kw, L], L the count of window positions.
mlir::LogicalResult unfold(mlir::Operation *op, Types &results);
mlir::LogicalResult cast(mlir::Operation *op, Types &results);
mlir::LogicalResult fillConstant(mlir::Operation *op, Types &results);
mlir::LogicalResult fillAnyLike(mlir::Operation *op, Types &results);
mlir::LogicalResult range(mlir::Operation *op, Types &results);
mlir::LogicalResult lookupTable(mlir::Operation *op, bool dropLastOne,
                                Types &results);

} // namespace pd::shape

#endif // PD_DIALECT_SHAPERULES_H
