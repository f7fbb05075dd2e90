package dev.heapdiff.cli.demo;

/** An order the demo service keeps: a few fields and a customer name of its own. */
public final class Order {
  private final long id;
  private final String customer;
  private final int quantity;
  private final long priceCents;

  Order(long id, String customer, int quantity, long priceCents) {
    this.id = id;
    this.customer = customer;
    this.quantity = quantity;
    this.priceCents = priceCents;
  }

  @Override
  public String toString() {
    return "Order[" + id + " for " + customer + ": " + quantity + " x " + priceCents + " cents]";
  }
}
