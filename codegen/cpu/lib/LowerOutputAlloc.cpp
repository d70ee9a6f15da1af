//===- LowerOutputAlloc.cpp - the pd-cpu-lower-output-alloc pass ----------===//
//
// `pdcpu.output_alloc` becomes a call of `pd_output_alloc(index, bytes)`,
// which the microkernels' glue answers through the runtime (the caller's
// tensor, or arena memory), and the memref descriptor of what it returns,
// built as finalize-memref-to-llvm builds `memref.alloc`'s.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/Transforms/DialectConversion.h"

namespace pd::cpu {
#define GEN_PASS_DEF_LOWEROUTPUTALLOC
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd::cpu;

namespace {

/// The artifact's allocation function for results (ukernels/Runtime.cpp).
constexpr llvm::StringLiteral kOutputAllocFn = "pd_output_alloc";

struct LowerOutputAllocOp : ConvertOpToLLVMPattern<OutputAllocOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;

  LogicalResult
  matchAndRewrite(OutputAllocOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MemRefType type = op.getType();
    if (!isConvertibleAndHasIdentityMaps(type))
      return rewriter.notifyMatchFailure(op, "not a dense memref");
    SmallVector<Value> sizes, strides;
    Value bytes;
    getMemRefDescriptorSizes(loc, type, adaptor.getDynamicSizes(), rewriter,
                             sizes, strides, bytes);
    Type i64 = rewriter.getI64Type();
    auto fn = LLVM::lookupOrCreateFn(op->getParentOfType<ModuleOp>(),
                                     kOutputAllocFn, {i64, i64},
                                     getVoidPtrType());
    Value index = rewriter.create<LLVM::ConstantOp>(
        loc, i64, rewriter.getI64IntegerAttr(op.getIndex()));
    if (bytes.getType() != i64)
      bytes = rewriter.create<LLVM::ZExtOp>(loc, i64, bytes);
    Value pointer =
        rewriter.create<LLVM::CallOp>(loc, fn, ValueRange{index, bytes})
            .getResult();
    Value descriptor = createMemRefDescriptor(loc, type, pointer, pointer,
                                              sizes, strides, rewriter);
    rewriter.replaceOp(op, descriptor);
    return success();
  }
};

struct LowerOutputAlloc
    : pd::cpu::impl::LowerOutputAllocBase<LowerOutputAlloc> {
  void runOnOperation() override {
    LLVMTypeConverter converter(&getContext());
    RewritePatternSet patterns(&getContext());
    patterns.add<LowerOutputAllocOp>(converter);
    ConversionTarget target(getContext());
    target.addIllegalOp<OutputAllocOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
