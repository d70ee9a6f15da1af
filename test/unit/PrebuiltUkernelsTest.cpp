//===- PrebuiltUkernelsTest.cpp - when an export links pd's kernel object -===//
//
// pd-export links the microkernels' object compiled when pd was built
// (PD_UKERNELS_CPU) into an artifact for exactly that CPU and its features,
// and compiles their bitcode with the model for any other. The object must
// export nothing but pd_artifact_bind, so that an artifact's library
// exports only its entry points.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Compiler.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

std::unique_ptr<llvm::TargetMachine> machineFor(llvm::StringRef cpu) {
  auto machine = pd::cpu::createTargetMachine(cpu);
  if (!machine) {
    ADD_FAILURE() << llvm::toString(machine.takeError());
    return nullptr;
  }
  return std::move(*machine);
}

/// The microkernels' object an export for this host links, parsed; null
/// (and a failure) if there is none or it is no ELF object.
std::unique_ptr<llvm::object::ObjectFile> hostUkernelsObject() {
  auto host = machineFor("");
  if (!host)
    return nullptr;
  llvm::StringRef bytes = pd::cpu::prebuiltUkernels(*host);
  if (bytes.empty()) {
    ADD_FAILURE() << "no prebuilt object for this host";
    return nullptr;
  }
  auto object = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(bytes, "ukernels.o"));
  if (!object) {
    ADD_FAILURE() << llvm::toString(object.takeError());
    return nullptr;
  }
  if (!llvm::isa<llvm::object::ELFObjectFileBase>(object->get())) {
    ADD_FAILURE() << "not an ELF object";
    return nullptr;
  }
  return std::move(*object);
}

TEST(PrebuiltUkernels, FitTheHostWhenBuiltForIt) {
  if (std::string(PD_UKERNELS_CPU) != "native")
    GTEST_SKIP() << "built for " << PD_UKERNELS_CPU << ", not this host";
  auto host = machineFor(""); // this host's CPU and features
  ASSERT_TRUE(host);
  EXPECT_FALSE(pd::cpu::prebuiltUkernels(*host).empty());
}

TEST(PrebuiltUkernels, DoNotFitAnotherCpu) {
  // The baseline x86-64 (SSE2) is no CPU pd's kernels are built for
  // unless asked: its artifacts compile the bitcode.
  if (std::string(PD_UKERNELS_CPU) == "x86-64")
    GTEST_SKIP() << "built for x86-64";
  auto baseline = machineFor("x86-64");
  ASSERT_TRUE(baseline);
  EXPECT_TRUE(pd::cpu::prebuiltUkernels(*baseline).empty());
}

TEST(PrebuiltUkernels, ExportOnlyTheBindEntryPoint) {
  if (std::string(PD_UKERNELS_CPU) != "native")
    GTEST_SKIP() << "the object is only handed out for its own CPU";
  auto object = hostUkernelsObject();
  ASSERT_TRUE(object);
  auto *elf = llvm::cast<llvm::object::ELFObjectFileBase>(object.get());
  int functions = 0;
  bool bind = false;
  for (llvm::object::ELFSymbolRef symbol : elf->symbols()) {
    auto flags = symbol.getFlags();
    ASSERT_TRUE(bool(flags)) << llvm::toString(flags.takeError());
    if (!(*flags & llvm::object::SymbolRef::SF_Global) ||
        (*flags & llvm::object::SymbolRef::SF_Undefined))
      continue;
    auto name = symbol.getName();
    ASSERT_TRUE(bool(name)) << llvm::toString(name.takeError());
    bool visible = (symbol.getOther() & 0x3) == llvm::ELF::STV_DEFAULT;
    ++functions;
    if (*name == "pd_artifact_bind")
      bind = visible;
    else
      EXPECT_FALSE(visible) << name->str() << " would be exported";
  }
  EXPECT_TRUE(bind) << "pd_artifact_bind is not exported";
  EXPECT_GT(functions, 10) << "the kernels are missing";
}

// On the object path the module only declares the kernels; the
// declarations carry their definitions' attributes (the buffer allocator's
// result aliases nothing, so loops over several buffers need no overlap
// checks) and are hidden, and optimize hands back the object to link.
TEST(PrebuiltUkernels, DeclarationsTakeTheKernelsAttributes) {
  if (std::string(PD_UKERNELS_CPU) != "native")
    GTEST_SKIP() << "the object is only handed out for its own CPU";
  auto host = machineFor("");
  ASSERT_TRUE(host);
  llvm::LLVMContext context;
  llvm::Module module("model", context);
  auto *ptr = llvm::PointerType::get(context, 0);
  auto *i64 = llvm::Type::getInt64Ty(context);
  llvm::FunctionCallee alloc = module.getOrInsertFunction(
      "_mlir_memref_to_llvm_alloc", llvm::FunctionType::get(ptr, {i64}, false));
  // An entry point that keeps the call: it stores the buffer for its caller.
  auto *entry = llvm::Function::Create(
      llvm::FunctionType::get(llvm::Type::getVoidTy(context), {ptr}, false),
      llvm::Function::ExternalLinkage, "pd_method_forward", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", entry));
  b.CreateStore(b.CreateCall(alloc, {b.getInt64(64)}), entry->getArg(0));
  b.CreateRetVoid();

  auto object = pd::cpu::optimize(module, *host, /*allowPrebuilt=*/true);
  ASSERT_TRUE(bool(object)) << llvm::toString(object.takeError());
  EXPECT_EQ(*object, pd::cpu::prebuiltUkernels(*host));
  llvm::Function *declared = module.getFunction("_mlir_memref_to_llvm_alloc");
  ASSERT_NE(declared, nullptr);
  EXPECT_TRUE(declared->isDeclaration()) << "the kernel's body was linked in";
  EXPECT_TRUE(declared->hasRetAttribute(llvm::Attribute::NoAlias));
  EXPECT_EQ(declared->getVisibility(), llvm::GlobalValue::HiddenVisibility);
}

// The register tile's instances are compiled once (RegisterTile.cpp) and
// shared by every driver: a copy per file that calls them (GEMM,
// convolution, Winograd) made the object 1.03 MB of text instead of 0.75.
TEST(PrebuiltUkernels, EachRegisterTileIsCompiledOnce) {
  if (std::string(PD_UKERNELS_CPU) != "native")
    GTEST_SKIP() << "the object is only handed out for its own CPU";
  auto object = hostUkernelsObject();
  ASSERT_TRUE(object);
  auto *elf = llvm::cast<llvm::object::ELFObjectFileBase>(object.get());
  std::map<std::string, int> copies; // tileOf<MR, NV> instances by name
  for (llvm::object::ELFSymbolRef symbol : elf->symbols()) {
    if (symbol.getELFType() != llvm::ELF::STT_FUNC)
      continue;
    auto name = symbol.getName();
    ASSERT_TRUE(bool(name)) << llvm::toString(name.takeError());
    if (name->contains("tileOfILi"))
      ++copies[name->str()];
  }
  // MR 12, 8, 4, 2 and 1 rows by NV 1 and 2 vectors of columns.
  EXPECT_EQ(copies.size(), 10u);
  for (const auto &[name, count] : copies)
    EXPECT_EQ(count, 1) << name << " is compiled " << count << " times";
}

} // namespace
