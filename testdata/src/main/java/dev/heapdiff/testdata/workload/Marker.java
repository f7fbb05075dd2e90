package dev.heapdiff.testdata.workload;

/** An object a test can find by class name: exactly as many exist as the workload says. */
public final class Marker {
  final String label;

  public Marker(String label) {
    this.label = label;
  }
}
