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
extern const Detector kLargeStickyBanner;
extern const Detector kScrollLock;
extern const Detector kConsentChoice;
extern const Detector kPretickedConsent;
extern const Detector kLegitimateInterest;
extern const Detector kConsentBeforeChoice;
extern const Detector kNewsletterModal;
extern const Detector kPopupTrigger;
extern const Detector kCloseControl;
extern const Detector kNotificationPrompt;
extern const Detector kCountdownOverlay;
extern const Detector kConfirmshamingOptout;
extern const Detector kAdblockWall;
extern const Detector kChatAutoopen;

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
      &kLargeStickyBanner,
      &kScrollLock,
      &kConsentChoice,
      &kPretickedConsent,
      &kLegitimateInterest,
      &kConsentBeforeChoice,
      &kNewsletterModal,
      &kPopupTrigger,
      &kCloseControl,
      &kNotificationPrompt,
      &kCountdownOverlay,
      &kConfirmshamingOptout,
      &kAdblockWall,
      &kChatAutoopen,
  };
  return kAll;
}

}  // namespace durchblick
