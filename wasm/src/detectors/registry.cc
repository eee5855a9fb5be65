// The one list of detectors, in report order. Adding a detector: write
// <id>.cc with its `extern const Detector k<Name>`, declare it here, list it
// below in its family's block, define its finding types in rules/findings/.
// No self-registration: a static library drops unreferenced objects, so a
// detector must be named here to exist.
#include "detector.h"

namespace durchblick {

// tracking
extern const Detector kThirdPartyTracker;
extern const Detector kFilterListedRequest;
extern const Detector kRetargeting;
extern const Detector kRetargetedAd;
extern const Detector kCookieSync;
extern const Detector kIdentifierLeak;

// dark patterns
extern const Detector kDarkPatternText;
extern const Detector kCountdownTimer;
extern const Detector kFakeCountdown;
extern const Detector kAnchorPrice;
extern const Detector kDiscountMismatch;
extern const Detector kDripPricing;
extern const Detector kSneakIntoBasket;
extern const Detector kPriceIncreaseOnRevisit;

// pop-ups
extern const Detector kBlockingOverlay;

const std::vector<const Detector*>& AllDetectors() {
  static const std::vector<const Detector*> kAll = {
      // tracking
      &kThirdPartyTracker,
      &kFilterListedRequest,
      &kRetargeting,
      &kRetargetedAd,
      &kCookieSync,
      &kIdentifierLeak,

      // dark patterns
      &kDarkPatternText,
      &kCountdownTimer,
      &kFakeCountdown,
      &kAnchorPrice,
      &kDiscountMismatch,
      &kDripPricing,
      &kSneakIntoBasket,
      &kPriceIncreaseOnRevisit,

      // pop-ups
      &kBlockingOverlay,
  };
  return kAll;
}

}  // namespace durchblick
