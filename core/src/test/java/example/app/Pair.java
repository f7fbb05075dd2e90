package example.app;

/** Two references, for diamonds and objects held twice. */
public final class Pair {
  public final Object left;
  public final Object right;

  public Pair(Object left, Object right) {
    this.left = left;
    this.right = right;
  }
}
