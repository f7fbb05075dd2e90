package dev.heapdiff.testdata.workload;

/** A line of an order, linked into a chain. */
public class Item {
  final long sku;
  final Order order;
  Item next;

  Item(long sku, Order order) {
    this.sku = sku;
    this.order = order;
  }
}
