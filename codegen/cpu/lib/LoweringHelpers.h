//===- LoweringHelpers.h - shared pieces of the pd -> linalg lowering -*- C++ -*-===//
#ifndef PD_CODEGEN_CPU_LOWERINGHELPERS_H
#define PD_CODEGEN_CPU_LOWERINGHELPERS_H

#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

namespace pd::cpu {

// Paddle attributes, with Paddle's defaults where an op omits them.
double floatAttr(mlir::Operation *op, llvm::StringRef name, double fallback);
int64_t intAttr(mlir::Operation *op, llvm::StringRef name, int64_t fallback);
bool boolAttr(mlir::Operation *op, llvm::StringRef name, bool fallback);
llvm::StringRef strAttr(mlir::Operation *op, llvm::StringRef name,
                        llvm::StringRef fallback);
llvm::SmallVector<int64_t> intsAttr(mlir::Operation *op, llvm::StringRef name,
                                    llvm::ArrayRef<int64_t> fallback = {});
llvm::SmallVector<double> floatsAttr(mlir::Operation *op, llvm::StringRef name);

/// The elements of a Paddle value-list attribute (assign_value's,
/// set_value's) as attributes of `element`: `values` (Paddle's Scalars, what
/// Paddle 3 writes), else the first non-empty list of an element type
/// (fp32_values, int64_values, ...: what Paddle 2 wrote). Empty when none
/// has any.
llvm::SmallVector<mlir::Attribute> valueListOf(mlir::Builder &b, mlir::Operation *op,
                                               mlir::Type element);

/// Paddle's `axis` of a rank-`rank` tensor counted from the front (Paddle
/// allows negative axes), or none when it is out of range.
std::optional<int64_t> paddleAxis(int64_t axis, int64_t rank);

/// The dims of a ranked tensor: constants where static, tensor.dim where not.
llvm::SmallVector<mlir::OpFoldResult> dimsOf(mlir::OpBuilder &b,
                                             mlir::Location loc,
                                             mlir::Value tensor);
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> dims,
                        mlir::Type element);
/// A tensor of undefined contents that a loop writes in place, in its own
/// buffer: a bufferization.alloc_tensor. Two tensor.empty of one type and
/// size fold into one under CSE, and bufferization, which reads nothing in
/// an empty tensor, may then write two loop results in one buffer.
mlir::Value freshTensor(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> dims,
                        mlir::Type element);
mlir::Value constantOf(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Type element, double value);

using BodyFn = llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                              mlir::ValueRange)>;

/// Output dims of Paddle's broadcast of `operands`, operand i aligned with
/// the output from dim `offsets[i]`.
llvm::SmallVector<mlir::OpFoldResult>
broadcastDims(mlir::OpBuilder &b, mlir::Location loc, mlir::ValueRange operands,
              llvm::ArrayRef<int64_t> offsets, int64_t rank);

/// A linalg.generic computing `body` per element of an output of `outDims`;
/// operand i's dims align with output dims from `offsets[i]`, and its dims
/// of static size 1 broadcast.
mlir::Value mapElements(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> outDims,
                        mlir::Type element, mlir::ValueRange operands,
                        llvm::ArrayRef<int64_t> offsets, BodyFn body);
/// mapElements with every operand aligned at the trailing dims.
mlir::Value mapElements(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> outDims,
                        mlir::Type element, mlir::ValueRange operands,
                        BodyFn body);

/// Paddle's elementwise broadcast of `x` and `y` (its `axis` attribute
/// aligns the lower-rank operand), computing `body` per element into
/// `element`; fails (with an error on `op`) when `axis` does not fit.
mlir::FailureOr<mlir::Value> mapBroadcastPair(mlir::OpBuilder &b,
                                              mlir::Operation *op, mlir::Value x,
                                              mlir::Value y, mlir::Type element,
                                              BodyFn body);

/// The element type of `x` and `y` when both are floats of one type; else
/// an error on `op` ("is lowered for two floating-point tensors of one type
/// only").
mlir::FailureOr<mlir::Type> floatPairElement(mlir::Operation *op, mlir::Value x,
                                             mlir::Value y);

/// `value` (a scalar) converted to `to`, as Paddle's cast converts: floats
/// round, floats to integers truncate, anything to bool is `!= 0`.
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value value, mlir::Type to);

/// 1 / (1 + exp(-x)) of a float scalar.
mlir::Value sigmoidOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// The one element of a tensor of one element (rank 0 or all dims 1).
mlir::Value onlyElement(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value tensor);

/// What an element read by gatherElements becomes, given the output's
/// indices (pad3d's constant outside the input).
using FinishFn = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange at, mlir::Value element)>;
/// Where gatherElements reads: source indices from the output's indices
/// and the inputs' elements.
using WhereFn = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange at, mlir::ValueRange inputs)>;

/// A linalg.generic over `dims` whose body yields the element of `source`
/// at the indices `where` computes from the output's indices (passed
/// through `finish` where given); `inputs` are read through `inputMaps`.
mlir::Value gatherElements(mlir::OpBuilder &b, mlir::Location loc,
                           llvm::ArrayRef<mlir::OpFoldResult> dims,
                           mlir::Value source, mlir::ValueRange inputs,
                           llvm::ArrayRef<mlir::AffineMap> inputMaps,
                           WhereFn where, FinishFn finish = nullptr);

/// A linalg.generic over `dims` that reads nothing and yields, for each
/// element, what `body` computes from the element's indices.
mlir::Value generateElements(
    mlir::OpBuilder &b, mlir::Location loc, llvm::ArrayRef<mlir::OpFoldResult> dims,
    mlir::Type element,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::ValueRange at)>
        body);

/// The integers an op takes as tensors instead of an attribute (a shape, a
/// slice's starts): the elements of the 1-D `tensor`, else one element of
/// each tensor of `list`, as index values read at run time (constants
/// where the tensors are constants). `count` is how many the op needs (-1:
/// as many as there are); a different number fails with an error on `op`
/// that names `what`.
mlir::FailureOr<llvm::SmallVector<mlir::OpFoldResult>>
integersFromTensors(mlir::OpBuilder &b, mlir::Location loc, mlir::Operation *op,
                    mlir::Value tensor, mlir::ValueRange list, int64_t count,
                    llvm::StringRef what);

/// `ints` as index constants.
llvm::SmallVector<mlir::OpFoldResult> indexConstants(mlir::OpBuilder &b,
                                                     llvm::ArrayRef<int64_t> ints);

/// Folds `input` over the dims where `reduced` is set, starting from `init`:
/// the result has the other dims, or (with `keepDims`) size 1 in their place.
/// With `accumulator`, elements are converted to it before they are folded.
mlir::Value reduceDims(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<bool> reduced,
                       double init, bool keepDims, BodyFn combine,
                       mlir::Type accumulator = {});

/// The largest element of `x` over the dims where `reduced` is set, those
/// dims kept with size 1: the first step of the overflow-safe softmax,
/// log_softmax and logsumexp.
mlir::Value maxKeepingDims(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value x, llvm::ArrayRef<bool> reduced);
/// exp(x - max) per element of `x`, `maxKept` (from maxKeepingDims)
/// broadcast over the reduced dims.
mlir::Value expAboveMax(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                        mlir::Value maxKept);

/// `value` without the dims where `drop` is set, each of size 1 (a
/// reduction's kept dims, a vector operand's unit row).
mlir::Value dropUnitDims(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value, llvm::ArrayRef<bool> drop);

/// Whether scalar `a` comes before `other` in the order of larger (with
/// `largest`) or smaller values; floats compare ordered, so a NaN is never
/// before anything (signed integers).
mlir::Value orderedBefore(mlir::OpBuilder &b, mlir::Location loc, mlir::Value a,
                          mlir::Value other, bool largest);

/// Reads the value at a position (an index) for a sort.
using ValueAtFn =
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::Value)>;
/// Whether scalar `a` goes before `other` in a sort's order (a strict weak
/// order).
using BeforeFn = llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                                mlir::Value a, mlir::Value other)>;

/// Where a sort of n positions works: two tensors of n indices whose
/// contents do not matter. A caller that sorts many lines of one size
/// makes them once, outside its loop, and carries them from line to line
/// (its loop's iter_args), so that their buffers are allocated once.
struct SortSpace {
  mlir::Value positions, scratch;
  static SortSpace make(mlir::OpBuilder &b, mlir::Location loc, mlir::Value n);
};

/// The positions 0..n-1 (n: the size of `space`) ordered by the values
/// `valueAt` reads at them, equal values (neither before the other) in the
/// order of their positions: a bottom-up merge sort, O(n log n), whose
/// passes merge runs from the positions into the scratch tensor and copy
/// them back. Returns the space, its positions sorted.
SortSpace stableSortedPositions(mlir::OpBuilder &b, mlir::Location loc,
                                SortSpace space, ValueAtFn valueAt,
                                BeforeFn before);

/// `x` as one dim of all its elements, in row-major order (a rank-0 `x` as
/// one element; a 1-D `x` as it is).
mlir::Value flattened(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// An index (or a signless integer) as a float of type `element`, converted
/// as a signed value: what C's `(float)i` of an int64_t computes.
mlir::Value indexToFloat(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value index, mlir::Type element);

/// The number of elements of the dims of `value` where `selected` is set,
/// as a float of type `element`.
mlir::Value countOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                    llvm::ArrayRef<bool> selected, mlir::Type element);

/// `v` as a value of `type`: itself, or a tensor.cast where the lowering
/// knows more or less about the dims than the op's result type says.
mlir::Value castTo(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                   mlir::Type type);

/// Replaces `op` by `values`, one per result, each cast to its result's
/// type (castTo).
void replaceWithResults(mlir::ConversionPatternRewriter &rewriter,
                        mlir::Operation *op, mlir::ValueRange values);

/// Replaces `op` by `value` (cast to its first result's type where the
/// lowering knows more or less about the dims). The op's other results
/// (XShape, saved statistics, masks) exist for training and must be unused;
/// they become empty tensors.
mlir::LogicalResult
replaceWithPrimaryResult(mlir::ConversionPatternRewriter &rewriter,
                         mlir::Operation *op, mlir::Value value);

// Pattern groups, one per file.
void populateElementwiseLowering(mlir::RewritePatternSet &patterns);
void populateLinearAlgebraLowering(mlir::RewritePatternSet &patterns);
void populateNormalizationLowering(mlir::RewritePatternSet &patterns);
void populateConvolutionLowering(mlir::RewritePatternSet &patterns);
void populateShapeLowering(mlir::RewritePatternSet &patterns);
void populateConcatSliceLowering(mlir::RewritePatternSet &patterns);
void populateLogicLowering(mlir::RewritePatternSet &patterns);
void populateInterpolationLowering(mlir::RewritePatternSet &patterns);
void populateEmbeddingLowering(mlir::RewritePatternSet &patterns);
void populateCreationLowering(mlir::RewritePatternSet &patterns);
void populateRecurrentLowering(mlir::RewritePatternSet &patterns);
void populateReductionLowering(mlir::RewritePatternSet &patterns);
void populateDataMovementLowering(mlir::RewritePatternSet &patterns);
void populateIndexingLowering(mlir::RewritePatternSet &patterns);
void populateShiftLowering(mlir::RewritePatternSet &patterns);
void populateQuantizationLowering(mlir::RewritePatternSet &patterns);
void populateDetectionLowering(mlir::RewritePatternSet &patterns);
void populateSortingLowering(mlir::RewritePatternSet &patterns);
void populateUniqueLowering(mlir::RewritePatternSet &patterns);
void populateDeformableConvLowering(mlir::RewritePatternSet &patterns);

} // namespace pd::cpu

#endif // PD_CODEGEN_CPU_LOWERINGHELPERS_H
