package dev.heapdiff.testdata.workload.diff;

/** A class {@link NewClasses} defines afresh in a class loader of its own. */
public final class Loadable {
  static final String GREETING = "loaded again";
  final long[] payload = new long[4];

  @Override
  public String toString() {
    return GREETING + " by " + getClass().getClassLoader();
  }
}
