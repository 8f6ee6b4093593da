package dev.speedtrade.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** The tests' dynamic proxies pass their calls on to the real object with this. */
final class ReflectiveCall {
  private ReflectiveCall() {}

  /**
   * Calls {@code method} on {@code target} and returns what it returns, throwing what it throws
   * (not wrapped in an {@link InvocationTargetException}).
   */
  static @Nullable Object forward(Object target, Method method, @Nullable Object @Nullable [] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
