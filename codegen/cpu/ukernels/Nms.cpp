//===- Nms.cpp - non-maximum suppression, as Paddle's CPU kernels do it ---===//
//
// multiclass_nms3 and matrix_nms, box for box as Paddle's CPU kernels
// compute them.
//
//===----------------------------------------------------------------------===//

#include "Runtime.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

/// Sorts `items[0, count)` by `key` descending, keeping the order of equal
/// keys (std::stable_sort, as Paddle sorts), through `tmp` of `count`.
template <typename Key>
void stableSortDescending(int64_t *items, int64_t *tmp, int64_t count, Key key) {
  for (int64_t width = 1; width < count; width *= 2) {
    for (int64_t lo = 0; lo < count; lo += 2 * width) {
      int64_t mid = lo + width < count ? lo + width : count;
      int64_t hi = lo + 2 * width < count ? lo + 2 * width : count;
      int64_t i = lo, j = mid, o = lo;
      while (i < mid && j < hi)
        tmp[o++] = key(items[j]) > key(items[i]) ? items[j++] : items[i++];
      while (i < mid)
        tmp[o++] = items[i++];
      while (j < hi)
        tmp[o++] = items[j++];
    }
    for (int64_t k = 0; k < count; ++k)
      items[k] = tmp[k];
  }
}

/// The boxes of one class (scores `s` of `m` boxes) above `threshold`, best
/// first (ties in box order), at most `topK` of them (-1: all), into
/// `candidates` (`tmp` the sort's scratch); returns how many.
int64_t bestCandidates(const float *s, int64_t m, float threshold, int64_t topK,
                       int64_t *candidates, int64_t *tmp) {
  int64_t count = 0;
  for (int64_t j = 0; j < m; ++j)
    if (s[j] > threshold)
      candidates[count++] = j;
  stableSortDescending(candidates, tmp, count, [&](int64_t j) { return s[j]; });
  return topK > -1 && count > topK ? topK : count;
}

float boxArea(const float *b, bool normalized) {
  if (b[2] < b[0] || b[3] < b[1])
    return 0.0f;
  float w = b[2] - b[0], h = b[3] - b[1];
  return normalized ? w * h : (w + 1) * (h + 1);
}

/// Intersection over union of boxes (x1, y1, x2, y2); pixel boxes
/// (`normalized` false) include their last row and column.
float jaccard(const float *a, const float *b, bool normalized) {
  if (b[0] > a[2] || b[2] < a[0] || b[1] > a[3] || b[3] < a[1])
    return 0.0f;
  float xmin = a[0] > b[0] ? a[0] : b[0], ymin = a[1] > b[1] ? a[1] : b[1];
  float xmax = a[2] < b[2] ? a[2] : b[2], ymax = a[3] < b[3] ? a[3] : b[3];
  float norm = normalized ? 0.0f : 1.0f;
  float inter = (xmax - xmin + norm) * (ymax - ymin + norm);
  return inter / (boxArea(a, normalized) + boxArea(b, normalized) - inter);
}

struct NmsParams {
  int64_t m, c;
  float scoreThreshold, nmsThreshold, eta;
  int64_t nmsTopK, keepTopK, background;
  bool normalized;
};

/// One image: boxes [M, 4], scores [C, M]. Writes its kept boxes as rows
/// from `rows` and returns how many. `work` holds 4 * C * M + 2 * M items.
int64_t nmsImage(const NmsParams &p, const float *boxes, const float *scores,
                 int64_t image, float *rows, int32_t *index, int64_t *work) {
  int64_t m = p.m;
  int64_t *candidates = work, *tmp = work + m;
  int64_t *kept = work + 2 * m;               // label * M + box, label-major
  int64_t *order = kept + p.c * m, *orderTmp = order + p.c * m;
  int64_t keptCount = 0;
  for (int64_t label = 0; label < p.c; ++label) {
    if (label == p.background)
      continue;
    const float *s = scores + label * m;
    int64_t count = bestCandidates(s, m, p.scoreThreshold, p.nmsTopK, candidates, tmp);
    float threshold = p.nmsThreshold;
    int64_t first = keptCount;
    for (int64_t k = 0; k < count; ++k) {
      int64_t box = candidates[k];
      bool keep = true;
      for (int64_t q = first; q < keptCount && keep; ++q)
        keep = jaccard(boxes + box * 4, boxes + (kept[q] - label * m) * 4,
                       p.normalized) <= threshold;
      if (!keep)
        continue;
      kept[keptCount++] = label * m + box;
      if (p.eta < 1 && threshold > 0.5f)
        threshold *= p.eta;
    }
  }
  auto score = [&](int64_t entry) { return scores[entry]; };
  // Over keep_top_k: the best by score (ties in label-major order) stay,
  // still written label by label.
  int64_t limit = keptCount;
  if (p.keepTopK > -1 && keptCount > p.keepTopK) {
    for (int64_t k = 0; k < keptCount; ++k)
      order[k] = k;
    stableSortDescending(order, orderTmp, keptCount,
                         [&](int64_t k) { return score(kept[k]); });
    for (int64_t k = 0; k < keptCount; ++k)
      orderTmp[k] = 0;
    for (int64_t k = 0; k < p.keepTopK; ++k)
      orderTmp[order[k]] = 1;
    limit = p.keepTopK;
  }
  int64_t written = 0;
  for (int64_t k = 0; k < keptCount; ++k) {
    if (limit < keptCount && !orderTmp[k])
      continue;
    int64_t label = kept[k] / m, box = kept[k] % m;
    float *row = rows + written * 6;
    row[0] = float(label);
    row[1] = score(kept[k]);
    for (int64_t e = 0; e < 4; ++e)
      row[2 + e] = boxes[box * 4 + e];
    index[written] = int32_t(image * m + box);
    ++written;
  }
  return written;
}


//===----------------------------------------------------------------------===//
// Matrix non-maximum suppression (matrix_nms), as Paddle's CPU kernel does it
//===----------------------------------------------------------------------===//

struct MatrixNmsParams {
  int64_t m, c;
  float scoreThreshold, postThreshold, sigma;
  int64_t nmsTopK, keepTopK, background;
  bool gaussian, normalized;
};

/// The scratch of one image: `ints` holds 2 * M + 4 * C * M items,
/// `floats` K * (K - 1) / 2 + K + C * M, K the most candidates per class.
struct MatrixNmsWork {
  int64_t *candidates, *tmp, *detectionBox, *detectionLabel, *order, *orderTmp;
  float *iou, *iouMax, *detectionScore;

  MatrixNmsWork(int64_t *ints, float *floats, int64_t m, int64_t c, int64_t k)
      : candidates(ints), tmp(ints + m), detectionBox(ints + 2 * m),
        detectionLabel(detectionBox + c * m), order(detectionLabel + c * m),
        orderTmp(order + c * m), iou(floats), iouMax(floats + k * (k - 1) / 2),
        detectionScore(iouMax + k) {}
};

/// Paddle's decay of a score by its overlap `iou` with a better box whose
/// own largest overlap is `maxIou`: Gaussian in float, linear in double.
inline float decayOf(const MatrixNmsParams &p, float iou, float maxIou) {
  if (p.gaussian)
    return __builtin_expf((maxIou * maxIou - iou * iou) * p.sigma);
  return float((1.0 - double(iou)) / (1.0 - double(maxIou)));
}

/// One image: boxes [M, 4], scores [C, M]. Writes its kept boxes as rows
/// from `rows`, best decayed score first, and returns how many.
int64_t matrixNmsImage(const MatrixNmsParams &p, const float *boxes,
                       const float *scores, int64_t image, float *rows,
                       int32_t *index, const MatrixNmsWork &w) {
  int64_t m = p.m, found = 0;
  for (int64_t label = 0; label < p.c; ++label) {
    if (label == p.background)
      continue;
    const float *s = scores + label * m;
    int64_t count = bestCandidates(s, m, p.scoreThreshold, p.nmsTopK, w.candidates, w.tmp);
    if (count <= 0)
      continue;
    auto box = [&](int64_t i) { return boxes + w.candidates[i] * 4; };
    // The overlaps of each candidate with the better ones, and the largest.
    w.iouMax[0] = 0.0f;
    for (int64_t i = 1; i < count; ++i) {
      float most = 0.0f;
      for (int64_t j = 0; j < i; ++j) {
        float iou = jaccard(box(i), box(j), p.normalized);
        most = most < iou ? iou : most;
        w.iou[i * (i - 1) / 2 + j] = iou;
      }
      w.iouMax[i] = most;
    }
    auto keep = [&](int64_t i, float score) {
      w.detectionBox[found] = w.candidates[i];
      w.detectionLabel[found] = label;
      w.detectionScore[found] = score;
      ++found;
    };
    if (s[w.candidates[0]] > p.postThreshold)
      keep(0, s[w.candidates[0]]);
    for (int64_t i = 1; i < count; ++i) {
      float least = 1.0f;
      for (int64_t j = 0; j < i; ++j) {
        float decay = decayOf(p, w.iou[i * (i - 1) / 2 + j], w.iouMax[j]);
        least = decay < least ? decay : least;
      }
      float decayed = least * s[w.candidates[i]];
      if (decayed > p.postThreshold)
        keep(i, decayed);
    }
  }
  int64_t written = found;
  if (p.keepTopK > -1 && written > p.keepTopK)
    written = p.keepTopK;
  for (int64_t k = 0; k < found; ++k)
    w.order[k] = k;
  stableSortDescending(w.order, w.orderTmp, found,
                       [&](int64_t k) { return w.detectionScore[k]; });
  for (int64_t k = 0; k < written; ++k) {
    int64_t d = w.order[k], b = w.detectionBox[d];
    float *row = rows + k * 6;
    row[0] = float(w.detectionLabel[d]);
    row[1] = w.detectionScore[d];
    for (int64_t e = 0; e < 4; ++e)
      row[2 + e] = boxes[b * 4 + e];
    index[k] = int32_t(image * m + b);
  }
  return written;
}


/// Runs `image(boxes, scores, n, rows, index)` (an NMS of one image, which
/// returns how many rows it wrote) on each of `n` images, packing their rows
/// one after another and writing each image's count.
template <typename ImageFn>
void eachNmsImage(int64_t n, int64_t m, int64_t c, int64_t boxes,
                  int64_t scores, int64_t rows, int64_t index, int64_t counts,
                  ImageFn image) {
  float *out = ptr<float>(rows);
  int32_t *outIndex = ptr<int32_t>(index);
  int32_t *outCounts = ptr<int32_t>(counts);
  for (int64_t i = 0; i < n; ++i) {
    int64_t written = image(ptr<const float>(boxes) + i * m * 4,
                            ptr<const float>(scores) + i * c * m, i, out, outIndex);
    outCounts[i] = int32_t(written);
    out += written * 6;
    outIndex += written;
  }
}

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

/// multiclass_nms3 of boxes [n, m, 4] and scores [n, c, m]: each image's
/// kept boxes as rows [label, score, x1, y1, x2, y2] (and index n * m +
/// box), image after image, and each image's count. The float attributes
/// come as bit patterns.
PD_UKERNEL void pd_uk_multiclass_nms(int64_t n, int64_t m, int64_t c,
                                     int64_t boxes, int64_t scores,
                                     int64_t scoreThresholdBits, int64_t nmsTopK,
                                     int64_t keepTopK, int64_t nmsThresholdBits,
                                     int64_t etaBits, int64_t normalized,
                                     int64_t background, int64_t rows,
                                     int64_t index, int64_t counts) {
  auto bits = [](int64_t v) { return __builtin_bit_cast(float, uint32_t(v)); };
  NmsParams p{m, c, bits(scoreThresholdBits), bits(nmsThresholdBits),
              bits(etaBits), nmsTopK, keepTopK, background, normalized != 0};
  auto *work = static_cast<int64_t *>(
      allocate(uint64_t(4 * c * m + 2 * m + 1) * sizeof(int64_t), 64));
  eachNmsImage(n, m, c, boxes, scores, rows, index, counts,
               [&](const float *b, const float *s, int64_t i, float *out,
                   int32_t *outIndex) {
                 return nmsImage(p, b, s, i, out, outIndex, work);
               });
  release(work);
}

/// matrix_nms of boxes [n, m, 4] and scores [n, c, m]: each image's kept
/// boxes as rows [label, score, x1, y1, x2, y2] (and index n * m + box),
/// best decayed score first, image after image, and each image's count.
/// The float attributes come as bit patterns.
PD_UKERNEL void pd_uk_matrix_nms(int64_t n, int64_t m, int64_t c, int64_t boxes,
                                 int64_t scores, int64_t scoreThresholdBits,
                                 int64_t postThresholdBits, int64_t nmsTopK,
                                 int64_t keepTopK, int64_t useGaussian,
                                 int64_t sigmaBits, int64_t normalized,
                                 int64_t background, int64_t rows, int64_t index,
                                 int64_t counts) {
  auto bits = [](int64_t v) { return __builtin_bit_cast(float, uint32_t(v)); };
  MatrixNmsParams p{m, c, bits(scoreThresholdBits), bits(postThresholdBits),
                    bits(sigmaBits), nmsTopK, keepTopK, background,
                    useGaussian != 0, normalized != 0};
  int64_t k = nmsTopK > -1 && nmsTopK < m ? nmsTopK : m;
  auto *ints = static_cast<int64_t *>(
      allocate(uint64_t(2 * m + 4 * c * m + 1) * sizeof(int64_t), 64));
  auto *floats = static_cast<float *>(
      allocate(uint64_t(k * (k - 1) / 2 + k + c * m + 1) * sizeof(float), 64));
  MatrixNmsWork work(ints, floats, m, c, k);
  eachNmsImage(n, m, c, boxes, scores, rows, index, counts,
               [&](const float *b, const float *s, int64_t i, float *out,
                   int32_t *outIndex) {
                 return matrixNmsImage(p, b, s, i, out, outIndex, work);
               });
  release(floats);
  release(ints);
}

} // extern "C"
