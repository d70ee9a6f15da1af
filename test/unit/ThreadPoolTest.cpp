//===- ThreadPoolTest.cpp - the pool's parallel loops -----------------------===//
//
// What the compiled code relies on when it hands a loop to the pool: every
// iteration runs once, in pieces of at least `grain` (but the loop's last),
// on every thread of the pool when there is work for them, and a loop that
// a piece starts runs inline. Also built into PdRuntimeTsanTests.
//
//===----------------------------------------------------------------------===//

#include "ThreadPool.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace {

using pd::runtime::ThreadPool;

struct Pieces {
  std::mutex lock;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::set<std::thread::id> threads;
  std::chrono::microseconds each{0};

  static void record(void *data, int64_t begin, int64_t end) {
    auto &self = *static_cast<Pieces *>(data);
    if (self.each.count())
      std::this_thread::sleep_for(self.each);
    std::lock_guard<std::mutex> guard(self.lock);
    self.ranges.push_back({begin, end});
    self.threads.insert(std::this_thread::get_id());
  }
};

/// The pieces sorted must tile [0, n) exactly, each at least `grain`
/// except the one that ends the loop.
void expectTiles(Pieces &p, int64_t n, int64_t grain) {
  std::sort(p.ranges.begin(), p.ranges.end());
  int64_t next = 0;
  for (auto [begin, end] : p.ranges) {
    EXPECT_EQ(begin, next);
    EXPECT_LT(begin, end);
    if (end != n) {
      EXPECT_GE(end - begin, grain) << "piece [" << begin << ", " << end << ")";
    }
    next = end;
  }
  EXPECT_EQ(next, n);
}

TEST(ThreadPool, EveryIterationRunsOnceInPiecesOfAtLeastTheGrain) {
  for (int threads : {1, 2, 3, 4}) {
    ThreadPool pool(threads);
    for (int64_t n : {1, 2, 7, 8, 9, 31, 32, 100, 1000, 4097}) {
      for (int64_t grain : {1, 3, 16}) {
        Pieces p;
        pool.parallelFor(n, grain, Pieces::record, &p);
        SCOPED_TRACE(testing::Message() << "threads " << threads << " n " << n
                                        << " grain " << grain);
        expectTiles(p, n, grain);
      }
    }
  }
}

TEST(ThreadPool, PiecesShrinkTowardTheEndOfALoop) {
  // Guided: the first piece is a share of the whole, the last ones single
  // iterations, so that threads finish their last pieces close together.
  ThreadPool pool(2);
  Pieces p;
  pool.parallelFor(64, 1, Pieces::record, &p);
  expectTiles(p, 64, 1);
  int64_t largest = 0, smallest = 64;
  for (auto [begin, end] : p.ranges) {
    largest = std::max(largest, end - begin);
    smallest = std::min(smallest, end - begin);
  }
  EXPECT_EQ(largest, 16); // 64 / (2 * threads)
  EXPECT_EQ(smallest, 1);
}

TEST(ThreadPool, EveryThreadTakesPiecesOfALongLoop) {
  ThreadPool pool(3);
  Pieces p;
  p.each = std::chrono::microseconds(3000);
  pool.parallelFor(24, 1, Pieces::record, &p);
  expectTiles(p, 24, 1);
  EXPECT_EQ(p.threads.size(), 3u);
}

TEST(ThreadPool, ALoopAtMostOneGrainRunsOnTheCaller) {
  ThreadPool pool(4);
  Pieces p;
  pool.parallelFor(8, 8, Pieces::record, &p);
  ASSERT_EQ(p.ranges.size(), 1u);
  EXPECT_EQ(p.ranges[0], std::make_pair(int64_t(0), int64_t(8)));
  EXPECT_EQ(*p.threads.begin(), std::this_thread::get_id());
}

struct Nested {
  ThreadPool *pool;
  std::atomic<int64_t> inner{0};
  std::atomic<int> innerOffThread{0};

  static void outer(void *data, int64_t begin, int64_t end) {
    auto &self = *static_cast<Nested *>(data);
    for (int64_t i = begin; i < end; ++i) {
      std::thread::id me = std::this_thread::get_id();
      struct Inner {
        Nested *self;
        std::thread::id caller;
      } in{&self, me};
      self.pool->parallelFor(
          10, 1,
          [](void *d, int64_t b, int64_t e) {
            auto &in = *static_cast<Inner *>(d);
            in.self->inner.fetch_add(e - b);
            if (std::this_thread::get_id() != in.caller)
              in.self->innerOffThread.fetch_add(1);
          },
          &in);
    }
  }
};

TEST(ThreadPool, ALoopInsideAPieceRunsInline) {
  ThreadPool pool(2);
  Nested nested;
  nested.pool = &pool;
  pool.parallelFor(16, 1, Nested::outer, &nested);
  EXPECT_EQ(nested.inner.load(), 160);
  EXPECT_EQ(nested.innerOffThread.load(), 0);
}

} // namespace
