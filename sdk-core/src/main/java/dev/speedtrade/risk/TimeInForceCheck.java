package dev.speedtrade.risk;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.TimeInForce;
import org.jspecify.annotations.Nullable;

/**
 * Check 7, {@link RiskCode#TIF_NOT_ALLOWED}: a fractional us_equity order is day; a crypto order is
 * gtc or ioc. The auction times in force (opg, cls), which the order service does not offer, are
 * refused here too.
 */
final class TimeInForceCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    TimeInForce tif = ctx.order().timeInForce();
    if (tif == TimeInForce.OPG || tif == TimeInForce.CLS) {
      return RiskCode.TIF_NOT_ALLOWED;
    }
    if (ctx.known().assetClass() == AssetClass.CRYPTO) {
      return tif == TimeInForce.GTC || tif == TimeInForce.IOC ? null : RiskCode.TIF_NOT_ALLOWED;
    }
    return ctx.order().isFractional() && tif != TimeInForce.DAY ? RiskCode.TIF_NOT_ALLOWED : null;
  }
}
