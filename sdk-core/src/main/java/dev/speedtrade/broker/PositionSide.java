package dev.speedtrade.broker;

/** Whether a position is held long or short. */
public enum PositionSide {
  /** Units owned. */
  LONG,
  /** Units borrowed and sold. */
  SHORT
}
