package example.app;

/** An object a test finds by its label. */
public final class Marker {
  public final String label;

  public Marker(String label) {
    this.label = label;
  }
}
