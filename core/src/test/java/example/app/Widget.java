package example.app;

/**
 * A class only the tests instantiate, outside heapdiff's packages (objects of heapdiff's own
 * packages are hidden from snapshots).
 */
public final class Widget {
  public final int number;
  public final byte[] payload;

  public Widget(int number) {
    this.number = number;
    this.payload = new byte[32];
  }
}
