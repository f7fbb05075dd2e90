package example.app;

/** A value of {@link Cache}'s map, named by its key. */
public final class Order {
  public final String key;
  public final int quantity;

  public Order(String key, int quantity) {
    this.key = key;
    this.quantity = quantity;
  }
}
